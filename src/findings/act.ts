/**
 * What acknowledging and ignoring a finding share: the finding must exist in the actor's scope and not be
 * resolved; its status, note and actor change and the audit entry is written in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { FindingActionRefused, FindingNotFound, type FindingRow } from '../store/findings.ts';
import { findings } from '../store/schema/findings.ts';
import { assertInScope, nowOf, type VerbCtx } from '../verb.ts';

export interface FindingActionInput {
  companyId: string;
  key: string;
  /** The note (acknowledge) or the reason (ignore). */
  note: string;
}

export function actOnFinding(
  ctx: VerbCtx,
  input: FindingActionInput,
  status: 'acknowledged' | 'ignored',
): FindingRow {
  const at = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    const where = and(eq(findings.companyId, input.companyId), eq(findings.key, input.key));
    const before = db.select().from(findings).where(where).get();
    if (!before) throw new FindingNotFound(input.companyId, input.key);
    const job = (JSON.parse(before.latest) as { jobNumber?: string | null }).jobNumber ?? null;
    assertInScope(db, ctx.actor, input.companyId, job);
    if (before.status === 'resolved') {
      throw new FindingActionRefused(
        `finding "${input.key}" is already resolved; nothing to ${status === 'ignored' ? 'ignore' : 'acknowledge'}`,
      );
    }
    db.update(findings)
      .set({
        status,
        actedBy: ctx.actor.id,
        actedAt: at,
        note: input.note,
        ignoredDifference: status === 'ignored' ? before.lastDifference : null,
      })
      .where(where)
      .run();
    const after = db.select().from(findings).where(where).get()!;
    appendAudit(db, {
      actor: ctx.actor.id,
      action: status === 'ignored' ? 'finding.ignore' : 'finding.acknowledge',
      companyId: input.companyId,
      entity: `finding:${input.key}`,
      before: { status: before.status, note: before.note },
      after: { status: after.status, note: after.note, ignoredDifference: after.ignoredDifference },
      note: input.note,
      at,
    });
    return after;
  });
}
