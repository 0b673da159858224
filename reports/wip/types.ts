/** The inputs a WIP schedule is computed from, and what it produces. */
import type { Dec } from '../../connectors/canonical/money.ts';
import type { WipJobResult, WipWarningCode } from './formulas.ts';

export type EstimateSource = 'pm' | 'erp';

/** A controller's adjustment of one job for one period, with the reason (stored and audited by src/). */
export interface WipOverride {
  jobNumber: string;
  period: string;
  estimatedTotalCost?: string | null;
  contractAmount?: string | null;
  uninstalledMaterials?: string | null;
  note: string;
}

/** Per job, the figures a baseline WIP (prior fiscal year end, or the last closed period) held. */
export interface WipBaselineJob {
  earnedRevenue: string;
  costOfRevenue: string;
  grossProfitToDate: string;
  /** null when the job had no estimate then. */
  estimatedGrossProfit: string | null;
  estimatedGrossProfitMargin: string | null;
}

export type WipBaselineKind = 'closed' | 'year_end_snapshot' | 'recomputed';

export interface WipBaseline {
  asOf: string;
  /**
   * 'closed' = a frozen closed period; 'year_end_snapshot' = computed from the snapshot that was current at that
   * date (the period is not closed); 'recomputed' = computed from this snapshot's contracts and estimates: an
   * estimate, printed with its reason.
   */
  kind: WipBaselineKind;
  /** Why the baseline is not a closed period (printed with the figures). */
  reason?: string;
  jobs: Record<string, WipBaselineJob>;
}

export interface WipParams {
  asOf: string;
  company: { id: string; name: string };
  estimateSource: EstimateSource;
  fiscalYearStartMonth: number;
  /** Overrides for the period of as-of, at most one per job number. */
  overrides?: WipOverride[];
  /** The WIP at the end of the prior fiscal year, for the fiscal-year-to-date columns. */
  fiscalYearBaseline?: WipBaseline | null;
  /** The last closed period before as-of, for the current-period columns; none = no columns. */
  periodBaseline?: WipBaseline | null;
  preparedBy?: string;
}

export type ContractSide = 'erp' | 'pm' | 'none';
export type EacSource = 'pm' | 'erp' | 'override' | 'final_cost' | 'none';

export interface WipJobLine extends Omit<WipJobResult, 'warnings'> {
  jobId: string;
  pmJobId: string | null;
  jobNumber: string;
  jobName: string;
  status: string;
  startDate: string | null;
  completionDate: string | null;
  contractSide: ContractSide;
  eacSource: EacSource;
  originalContract: Dec;
  approvedChangeOrders: Dec;
  contractAmount: Dec;
  pendingChangeOrders: Dec;
  estimatedTotalCost: Dec | null;
  originalEstimatedCost: Dec | null;
  originalEstimatedGrossProfit: Dec | null;
  costToDate: Dec;
  uninstalledMaterials: Dec;
  billedToDate: Dec;
  retainageReceivable: Dec;
  fiscalYear: { revenue: Dec; costOfRevenue: Dec; grossProfit: Dec } | null;
  /** Since the last closed period. */
  currentPeriod: { revenue: Dec; costOfRevenue: Dec; grossProfit: Dec } | null;
  override: WipOverride | null;
  notes: string[];
  warnings: (WipWarningCode | 'unlinked_pm_job' | 'ambiguous_pm_job' | 'approved_change_order_undated')[];
}

export interface WipTotals {
  originalContract: Dec;
  approvedChangeOrders: Dec;
  contractAmount: Dec;
  pendingChangeOrders: Dec;
  estimatedTotalCost: Dec;
  estimatedGrossProfit: Dec;
  costToDate: Dec;
  earnedRevenue: Dec;
  billedToDate: Dec;
  overUnderBilling: Dec;
  overBilling: Dec;
  underBilling: Dec;
  costToComplete: Dec;
  revenueToBeEarned: Dec;
  grossProfitToDate: Dec;
  provisionForLoss: Dec;
  retainageReceivable: Dec;
  uninstalledMaterials: Dec;
  fiscalYearRevenue: Dec;
  fiscalYearCostOfRevenue: Dec;
  fiscalYearGrossProfit: Dec;
  periodRevenue: Dec;
  periodCostOfRevenue: Dec;
  periodGrossProfit: Dec;
}

export interface TieOutLine {
  /** Open and completed jobs together. */
  wip: Dec;
  /** The part of `wip` on jobs completed this fiscal year. */
  completedJobs: Dec;
  gl: Dec | null;
  difference: Dec | null;
  accounts: string | null;
}

export interface BalanceSheetTieOut {
  underBillings: TieOutLine;
  overBillings: TieOutLine;
  /** Over − under billings, open and completed jobs. */
  net: Dec;
}

export interface WipSchedule {
  asOf: string;
  company: { id: string; name: string };
  estimateSource: EstimateSource;
  fiscalYearStart: string;
  fiscalYearBaseline: { asOf: string; kind: WipBaselineKind; reason?: string } | null;
  periodBaseline: { asOf: string; kind: WipBaselineKind } | null;
  snapshotTakenAt: string | null;
  preparedBy: string | null;
  /** Jobs open at as-of (the schedule of contracts in progress). */
  jobs: WipJobLine[];
  totals: WipTotals;
  /** Jobs completed in the fiscal year up to as-of, with the same figures. */
  completedJobs: WipJobLine[];
  balanceSheet: BalanceSheetTieOut;
  warnings: string[];
}
