/**
 * Closing a period freezes its WIP: the schedule is computed from the current snapshot with the signed-in
 * person as who prepared it (never a name sent with the request), the snapshot is pinned, and the result is
 * stored with its SHA-256. The result carries the audit chain's head as it stood before the close
 * (`audit_head`: seq and hash), so the closed period, wherever it is shown or printed, anchors the log: a
 * later truncation or rewrite fails `tieout audit verify --head SEQ:HASH`. The close's own audit entry records
 * the result's hash, so the two anchor each other.
 */

import { periodEnd } from '../../reports/shared/period.ts';
import { wipJson } from '../../reports/wip/json.ts';
import type { WipSchedule } from '../../reports/wip/types.ts';
import { computeWip } from '../reports/wip-inputs.ts';
import { assertCan } from '../roles.ts';
import type { Runtime } from '../runtime.ts';
import { appendAudit, auditHead } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { pinSnapshot, type SnapshotRow } from '../store/runs.ts';
import { wipClosedPeriods } from '../store/schema/wip.ts';
import { activeClose, type ClosedPeriodRow, resultSha256, WipStoreError } from '../store/wip.ts';
import { assertInScope, nowOf, type VerbCtx } from '../verb.ts';
import { closedResultJson } from './audit-head.ts';
import { checkedPeriod } from './period.ts';

/** A period verb also reads the company's settings and snapshots (the runtime holds the store it acts on). */
export interface PeriodCtx extends VerbCtx {
  runtime: Runtime;
}

export interface Closed {
  row: ClosedPeriodRow;
  schedule: WipSchedule;
  snapshot: SnapshotRow;
}

export async function closePeriod({
  ctx,
  input,
}: {
  ctx: PeriodCtx;
  input: { companyId: string; period: string };
}): Promise<Closed> {
  assertCan(ctx.actor, 'period.close');
  const period = checkedPeriod(input.period);
  assertInScope(ctx.store.db, ctx.actor, input.companyId);
  const company = ctx.runtime.company(input.companyId);
  const asOf = periodEnd(period);
  const run = await computeWip(ctx.runtime, company, { asOf, preparedBy: ctx.actor.id, ignoreClose: true });
  const row = recordClose({
    ctx,
    input: { companyId: company.id, period, asOf, snapshot: run.snapshot, result: wipJson(run.schedule) },
  });
  return { row, schedule: run.schedule, snapshot: run.snapshot };
}

/** Freezes a computed WIP (the write half of closing; the role is asked again here, it is the door). */
export function recordClose({
  ctx,
  input,
}: {
  ctx: VerbCtx;
  input: {
    companyId: string;
    period: string;
    asOf: string;
    snapshot: Pick<SnapshotRow, 'id' | 'path'>;
    result: object;
  };
}): ClosedPeriodRow {
  assertCan(ctx.actor, 'period.close');
  const at = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    assertInScope(db, ctx.actor, input.companyId);
    const existing = activeClose(db, input.companyId, input.period);
    if (existing) {
      throw new WipStoreError(
        'already_closed',
        `${input.period} was closed for ${input.companyId} on ${existing.closedAt} by ${existing.closedBy}`,
      );
    }
    pinSnapshot(db, input.snapshot.id, `period close ${input.period}`);
    const resultJson = closedResultJson(input.result, auditHead(db));
    const row = {
      companyId: input.companyId,
      period: input.period,
      asOf: input.asOf,
      snapshotId: input.snapshot.id,
      snapshotPath: input.snapshot.path,
      resultJson,
      resultSha256: resultSha256(resultJson),
      closedBy: ctx.actor.id,
      closedAt: at,
    };
    const inserted = db.insert(wipClosedPeriods).values(row).returning().get();
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'wip.close_period',
      companyId: input.companyId,
      entity: `wip_period:${input.period}`,
      before: null,
      after: { snapshotId: input.snapshot.id, asOf: input.asOf, resultSha256: row.resultSha256 },
      note: ctx.actor.credential ?? null,
      at,
    });
    return inserted;
  });
}
