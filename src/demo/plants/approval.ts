/** Cases about the integration queue: items that never export, or wait for an approver. */
import { addDays } from '../calendar.ts';
import { sum } from '../cents.ts';
import type { CommitmentFact } from '../facts.ts';
import { amount, makeJustExecuted, PlantError } from './helpers.ts';
import type { Plant, PlantContext, PlantSides } from './types.ts';

function withhold(sides: PlantSides, ctx: PlantContext, plant: string, daysAgo: number): CommitmentFact {
  const c = [...sides.pm.commitments].reverse().find((x) => x.kind === 'subcontract');
  if (!c || !sides.erp) throw new PlantError(plant, sides.pm.number, 'no subcontract');
  makeJustExecuted(sides, c, addDays(ctx.asOf, -daysAgo));
  sides.erp.commitments = sides.erp.commitments.filter((x) => x.number !== c.number);
  return c;
}

const value = (c: CommitmentFact) => amount(sum(c.lines.map((l) => l.amount)));

export const subcontractExportFailed: Plant = (sides, ctx) => {
  const c = withhold(sides, ctx, 'subcontract-export-failed', 12);
  sides.pm.sync.push({
    id: ctx.ids.pm('sync_item'),
    itemType: 'commitment',
    recordId: c.ids.pm,
    itemNumber: c.number,
    submittedDate: addDays(ctx.asOf, -12),
    status: 'failed',
    approver: 'Dana Whitfield',
    message: 'Export failed: the vendor is inactive in the ERP. Reactivate the vendor and resend.',
  });
  return {
    story: `Subcontract ${c.number} was executed in Procore 12 days ago; the accounting approver accepted it but the export failed (vendor inactive in the ERP) and nobody resent it. Expect commitment.missing; no invoices exist yet, so nothing else.`,
    findings: [{ check: 'commitment.missing', document: c.number, pm_amount: value(c) }],
  };
};

export const queueWithoutApprover: Plant = (sides, ctx) => {
  const c = withhold(sides, ctx, 'queue-without-approver', 2);
  const item = ctx.ids.pm('sync_item');
  sides.pm.sync.push({
    id: item,
    itemType: 'commitment',
    recordId: c.ids.pm,
    itemNumber: c.number,
    submittedDate: addDays(ctx.asOf, -2),
    status: 'waiting',
    approver: null,
    message: null,
  });
  return {
    story: `Subcontract ${c.number} was sent for export two days ago, but this project has no accounting approver assigned, so it will wait forever. Expect approval.no_approver (not stale yet) and commitment.missing while it waits.`,
    findings: [
      { check: 'approval.no_approver', document: c.number },
      { check: 'commitment.missing', document: c.number, pm_amount: value(c) },
    ],
  };
};

export const queueStale: Plant = (sides, ctx) => {
  const c = withhold(sides, ctx, 'queue-stale', 23);
  sides.pm.sync.push({
    id: ctx.ids.pm('sync_item'),
    itemType: 'commitment',
    recordId: c.ids.pm,
    itemNumber: c.number,
    submittedDate: addDays(ctx.asOf, -23),
    status: 'waiting',
    approver: 'Marcus Oyelaran',
    message: null,
  });
  return {
    story: `Subcontract ${c.number} has waited 23 days for its accounting approver (approval limit 7 days, measured from as_of). Expect approval.stale and commitment.missing while it waits.`,
    findings: [
      { check: 'approval.stale', document: c.number },
      { check: 'commitment.missing', document: c.number, pm_amount: value(c) },
    ],
  };
};
