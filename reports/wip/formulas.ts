/**
 * The WIP formulas for one job (shared/DESIGN.md §6, cost-to-cost input method, ASC 606 with the loss rule
 * kept from ASC 605-35). Pure: exact decimals in, exact decimals out, nothing rounded here — rounding happens
 * once, at the edge (json.ts, renderers), so totals are sums of unrounded values.
 *
 *   C   = contract amount (original + approved prime change orders, or the controller's override)
 *   EAC = estimated total cost at completion
 *   CTD = cost to date
 *   U   = uninstalled materials: in CTD, excluded from progress, recognised at cost (zero margin)
 *   B   = billed to date
 */
import { Dec } from '../../connectors/canonical/money.ts';

export interface WipJobFigures {
  contractAmount: Dec;
  /** null when the job has no estimate yet. */
  estimatedTotalCost: Dec | null;
  costToDate: Dec;
  uninstalledMaterials: Dec;
  billedToDate: Dec;
}

export type WipWarningCode =
  | 'no_estimate'
  | 'cost_exceeds_estimate'
  | 'uninstalled_exceeds_cost'
  | 'no_contract'
  | 'loss_job';

export interface WipJobResult {
  estimatedGrossProfit: Dec;
  /** null when the contract is zero. */
  estimatedGrossProfitMargin: Dec | null;
  /** A fraction between 0 and 1, unrounded. */
  percentComplete: Dec;
  earnedRevenue: Dec;
  /** Cost of revenue earned = cost to date + the loss provision still to be drawn down. */
  costOfRevenue: Dec;
  grossProfitToDate: Dec;
  provisionForLoss: Dec;
  costToComplete: Dec;
  revenueToBeEarned: Dec;
  /** B − earned: positive = over billing (liability), negative = under billing (asset). */
  overUnderBilling: Dec;
  overBilling: Dec;
  underBilling: Dec;
  warnings: WipWarningCode[];
}

const ZERO = new Dec(0);
const ONE = new Dec(1);

export function percentComplete(f: WipJobFigures): { value: Dec; warnings: WipWarningCode[] } {
  const warnings: WipWarningCode[] = [];
  if (f.uninstalledMaterials.gt(f.costToDate)) warnings.push('uninstalled_exceeds_cost');
  if (f.estimatedTotalCost === null) return { value: ZERO, warnings: [...warnings, 'no_estimate'] };
  const progressBase = f.estimatedTotalCost.minus(f.uninstalledMaterials);
  if (progressBase.lte(0)) return { value: ZERO, warnings: [...warnings, 'no_estimate'] };
  const progressCost = Dec.max(f.costToDate.minus(f.uninstalledMaterials), 0);
  const raw = progressCost.div(progressBase);
  if (raw.gt(ONE)) return { value: ONE, warnings: [...warnings, 'cost_exceeds_estimate'] };
  return { value: raw, warnings };
}

export function computeWipJob(f: WipJobFigures): WipJobResult {
  const { value: pct, warnings } = percentComplete(f);
  const C = f.contractAmount;
  const U = Dec.min(f.uninstalledMaterials, Dec.max(f.costToDate, 0));
  if (C.isZero()) warnings.push('no_contract');

  // With no estimate the cost-to-cost measure is undefined: 0 % and no revenue, flagged on the report.
  const EAC = f.estimatedTotalCost ?? f.costToDate;
  const estimatedGrossProfit = C.minus(EAC);
  const isLoss = f.estimatedTotalCost !== null && estimatedGrossProfit.lt(0);
  if (isLoss) warnings.push('loss_job');

  const earnedRevenue = f.estimatedTotalCost === null ? ZERO : pct.times(C.minus(U)).plus(U);
  // The whole anticipated loss is recognised at once: the part not yet incurred sits in the provision.
  const provisionForLoss = isLoss ? EAC.minus(C).times(ONE.minus(pct)) : ZERO;
  const costOfRevenue = f.estimatedTotalCost === null ? ZERO : f.costToDate.plus(provisionForLoss);
  const grossProfitToDate = earnedRevenue.minus(costOfRevenue);
  const overUnderBilling = f.billedToDate.minus(earnedRevenue);

  return {
    estimatedGrossProfit,
    estimatedGrossProfitMargin: C.isZero() ? null : estimatedGrossProfit.div(C),
    percentComplete: pct,
    earnedRevenue,
    costOfRevenue,
    grossProfitToDate,
    provisionForLoss,
    costToComplete: Dec.max(EAC.minus(f.costToDate), 0),
    revenueToBeEarned: C.minus(earnedRevenue),
    overUnderBilling,
    overBilling: Dec.max(overUnderBilling, 0),
    underBilling: Dec.max(overUnderBilling.neg(), 0),
    warnings,
  };
}
