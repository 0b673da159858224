/** Reopening a closed period (an admin's decision, with a reason): the close stays in history, marked reopened. */
import { eq } from 'drizzle-orm';
import { assertCan } from '../roles.ts';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { wipClosedPeriods } from '../store/schema/wip.ts';
import { activeClose, type ClosedPeriodRow, WipStoreError } from '../store/wip.ts';
import { assertInScope, nowOf, type Verb } from '../verb.ts';
import { checkedPeriod } from './period.ts';

export function reopenPeriod({
  ctx,
  input,
}: Verb<{ companyId: string; period: string; reason: string }>): ClosedPeriodRow {
  assertCan(ctx.actor, 'period.reopen');
  const period = checkedPeriod(input.period);
  const reason = input.reason.trim();
  if (!reason) throw new WipStoreError('invalid_override', 'say why the period is reopened (--reason)');
  const at = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    assertInScope(db, ctx.actor, input.companyId);
    const existing = activeClose(db, input.companyId, period);
    if (!existing) {
      throw new WipStoreError('period_not_closed', `${period} is not closed for ${input.companyId}`);
    }
    db.update(wipClosedPeriods)
      .set({ reopenedAt: at, reopenedBy: ctx.actor.id, reopenReason: reason })
      .where(eq(wipClosedPeriods.id, existing.id))
      .run();
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'wip.reopen_period',
      companyId: input.companyId,
      entity: `wip_period:${period}`,
      before: { closedAt: existing.closedAt, resultSha256: existing.resultSha256 },
      after: { reopenedAt: at },
      note: reason,
      at,
    });
    return { ...existing, reopenedAt: at, reopenedBy: ctx.actor.id, reopenReason: reason };
  });
}
