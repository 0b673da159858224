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
  /** The job was completed on or before the as-of date: it has earned its contract, whatever the estimate. */
  completed?: boolean;
}

export type WipWarningCode =
  | 'no_estimate'
  | 'cost_exceeds_estimate'
  | 'uninstalled_exceeds_cost'
  | 'no_contract'
  | 'loss_job';

export interface WipJobResult {
  /** C − EAC; null when the job has no usable estimate (none, or zero): never C − CTD. */
  estimatedGrossProfit: Dec | null;
  /** null when the contract is zero or there is no estimate. */
  estimatedGrossProfitMargin: Dec | null;
  /** A fraction between 0 and 1, unrounded. */
  percentComplete: Dec;
  earnedRevenue: Dec;
  /** Cost of revenue earned = cost to date + the loss provision still to be drawn down. */
  costOfRevenue: Dec;
  grossProfitToDate: Dec;
  provisionForLoss: Dec;
  /** EAC − CTD (never below 0); null without an estimate. */
  costToComplete: Dec | null;
  revenueToBeEarned: Dec;
  /** B − earned: positive = over billing (liability), negative = under billing (asset). */
  overUnderBilling: Dec;
  overBilling: Dec;
  underBilling: Dec;
  warnings: WipWarningCode[];
}

const ZERO = new Dec(0);
const ONE = new Dec(1);

/** An estimate the cost-to-cost measure can use: present and above zero (zero means no estimate). */
export function usableEstimate(eac: Dec | null): eac is Dec {
  return eac?.gt(0) === true;
}

export function percentComplete(f: WipJobFigures): { value: Dec; warnings: WipWarningCode[] } {
  const warnings: WipWarningCode[] = [];
  if (f.uninstalledMaterials.gt(f.costToDate)) warnings.push('uninstalled_exceeds_cost');
  if (f.completed) return { value: ONE, warnings };
  if (!usableEstimate(f.estimatedTotalCost)) return { value: ZERO, warnings: [...warnings, 'no_estimate'] };
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
  if (C.isZero()) warnings.push('no_contract');
  const margin = (gp: Dec) => (C.isZero() ? null : gp.div(C));

  if (f.completed) {
    // A completed job earns its contract; its cost of revenue is what it cost (DESIGN §6).
    const gp = C.minus(f.costToDate);
    const overUnderBilling = f.billedToDate.minus(C);
    return {
      estimatedGrossProfit: gp,
      estimatedGrossProfitMargin: margin(gp),
      percentComplete: ONE,
      earnedRevenue: C,
      costOfRevenue: f.costToDate,
      grossProfitToDate: gp,
      provisionForLoss: ZERO,
      costToComplete: ZERO,
      revenueToBeEarned: ZERO,
      overUnderBilling,
      overBilling: Dec.max(overUnderBilling, 0),
      underBilling: Dec.max(overUnderBilling.neg(), 0),
      warnings,
    };
  }

  const U = Dec.min(f.uninstalledMaterials, Dec.max(f.costToDate, 0));
  const EAC =
    usableEstimate(f.estimatedTotalCost) && f.estimatedTotalCost.gt(f.uninstalledMaterials)
      ? f.estimatedTotalCost
      : null;
  // With no usable estimate the cost-to-cost measure is undefined: 0 %, no revenue and no estimated gross
  // profit (blank, not C − CTD), flagged on the report.
  const estimatedGrossProfit = EAC === null ? null : C.minus(EAC);
  const isLoss = estimatedGrossProfit?.lt(0) === true;
  if (isLoss) warnings.push('loss_job');

  const earnedRevenue = EAC === null ? ZERO : pct.times(C.minus(U)).plus(U);
  // The whole anticipated loss is recognised at once: the part not yet incurred sits in the provision.
  const provisionForLoss = isLoss && EAC ? EAC.minus(C).times(ONE.minus(pct)) : ZERO;
  const costOfRevenue = EAC === null ? ZERO : f.costToDate.plus(provisionForLoss);
  const grossProfitToDate = earnedRevenue.minus(costOfRevenue);
  const overUnderBilling = f.billedToDate.minus(earnedRevenue);

  return {
    estimatedGrossProfit,
    estimatedGrossProfitMargin: estimatedGrossProfit === null ? null : margin(estimatedGrossProfit),
    percentComplete: pct,
    earnedRevenue,
    costOfRevenue,
    grossProfitToDate,
    provisionForLoss,
    costToComplete: EAC === null ? null : Dec.max(EAC.minus(f.costToDate), 0),
    revenueToBeEarned: C.minus(earnedRevenue),
    overUnderBilling,
    overBilling: Dec.max(overUnderBilling, 0),
    underBilling: Dec.max(overUnderBilling.neg(), 0),
    warnings,
  };
}
