/** Cases about what links the two systems: jobs, cost codes, vendors. */
import { addDays } from '../calendar.ts';
import { ERP_ONLY_CODE, UNLINKED_VENDOR_NAME, VENDORS } from '../catalog.ts';
import { sageJobId } from '../ids.ts';
import { erpCode } from '../render.ts';
import { amount, find, PlantError, usd } from './helpers.ts';
import type { Plant } from './types.ts';

export const jobCreatedInProcoreOnly: Plant = (sides) => {
  const { pm } = sides;
  sides.erp = null;
  return {
    story: `Job ${pm.number} "${pm.name}" was signed and set up in Procore, but its export to the ERP failed silently: the ERP has no such job. Expect job.unlinked only; its budget and documents cannot be compared until the job exists in the ERP.`,
    findings: [{ check: 'job.unlinked' }],
    derive: false,
  };
};

export const jobCreatedInBoth: Plant = (sides) => {
  const { pm, erp } = sides;
  if (!erp) throw new PlantError('job-created-in-both', pm.number, 'no ERP copy');
  // Keyed by hand from the contract: same name (in capitals), the ERP's own numbering.
  const erpName = pm.name.toUpperCase();
  const [year = '', seq = ''] = pm.number.split('-');
  const erpNumber = `${year.slice(2)}-${seq}`;
  for (const f of [pm, erp]) {
    f.linked = false;
    f.commitments = [];
    f.invoices = [];
    f.changeOrders = [];
    f.directCosts = [];
    f.billings = [];
    f.sync = [];
  }
  // The bookkeeper keyed the job by hand in the ERP before the Procore export: no budget, no link.
  erp.number = erpNumber;
  erp.name = erpName;
  erp.ids.erp = sageJobId(`${year}-9${seq}`);
  erp.contract.ids.erp = erp.ids.erp;
  erp.budget = [];
  erp.forecastToComplete = new Map();
  return {
    story: `Job ${pm.number} "${pm.name}" was created in Procore and, separately, keyed by hand in the ERP as ${erpNumber} "${erpName}" (same name, the ERP's own number): two unlinked records of the same job. Expect job.duplicate (not two job.unlinked); no line comparison until they are linked.`,
    findings: [{ check: 'job.duplicate' }],
    derive: false,
  };
};

export const erpOnlyCostCode: Plant = ({ pm, erp }, ctx) => {
  if (!erp) throw new PlantError('erp-only-cost-code', pm.number, 'no ERP copy');
  const weeks = [21, 14, 7];
  let total = 0n;
  for (const back of weeks) {
    const value = BigInt(ctx.rng.int(520_000, 910_000));
    total += value;
    erp.directCosts.push({
      ids: ctx.ids.both('direct_cost', 'cost'),
      date: addDays(ctx.asOf, -back),
      code: ERP_ONLY_CODE.code,
      type: 'labor',
      amount: value,
      source: 'payroll',
      status: 'posted',
      vendor: null,
      description: 'Payroll, winter conditions (heaters, enclosures)',
      syncedToPm: false,
    });
  }
  const code = erpCode(ERP_ONLY_CODE.code, erp.sageCodes);
  return {
    story: `Payroll for winter conditions on ${pm.number} is coded in the ERP to ${code} "${ERP_ONLY_CODE.description}", a code Procore does not have and the company cost-code map does not cover; ${usd(total)} of labor never reaches Procore. Expect costcode.unmapped for ${code} and jobcost.mismatch on that line (PM 0.00).`,
    findings: [{ check: 'costcode.unmapped', cost_code: code, erp_amount: amount(total) }],
  };
};

export const vendorWithoutErpId: Plant = ({ pm, erp }) => {
  if (!erp) throw new PlantError('vendor-without-erp-id', pm.number, 'no ERP copy');
  const summit = VENDORS.findIndex((v) => v.name === UNLINKED_VENDOR_NAME);
  const target = pm.commitments.find(
    (c) => c.kind === 'subcontract' && c.lines.some((l) => l.code === '21-000'),
  );
  if (!target) throw new PlantError('vendor-without-erp-id', pm.number, 'no fire-suppression subcontract');
  for (const f of [pm, erp]) {
    const c = find(f.commitments, (x) => x.number === target.number);
    c.vendor = summit;
    c.linked = false;
    for (const i of f.invoices) if (i.commitmentNumber === c.number) i.vendor = summit;
  }
  return {
    story: `${UNLINKED_VENDOR_NAME} was added in Procore for fire suppression on ${pm.number} (${target.number}); the bookkeeper keyed the subcontract in the ERP by hand but never assigned the ERP vendor id to the Procore vendor, so neither record carries the other's id. Expect vendor.unlinked; amounts on ${target.number} agree, so nothing else.`,
    findings: [{ check: 'vendor.unlinked', document: UNLINKED_VENDOR_NAME }],
  };
};
