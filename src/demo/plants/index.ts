/** The planted cases by id. Each runs on its own job (roles.ts) and edits one or both sides' facts. */

import { queueStale, queueWithoutApprover, subcontractExportFailed } from './approval.ts';
import {
  budgetKeyedShort,
  costAboveEstimate,
  laborProductivity,
  lossJob,
  reversalNotSynced,
  steelEscalation,
} from './cost.ts';
import {
  budgetLockedAfterExport,
  coAmountTransposed,
  coNeverExported,
  invoiceEnteredTwice,
  invoiceKeyedWrong,
  invoiceNeverPosted,
  retainageFiveOnTen,
  subcontractKeyedWrong,
} from './documents.ts';
import {
  erpOnlyCostCode,
  jobCreatedInBoth,
  jobCreatedInProcoreOnly,
  vendorWithoutErpId,
} from './structure.ts';
import { coEditsMerged, withinTolerance } from './tolerated.ts';
import type { Plant } from './types.ts';

export const PLANTS = {
  'job-created-in-procore-only': jobCreatedInProcoreOnly,
  'job-created-in-both': jobCreatedInBoth,
  'erp-only-cost-code': erpOnlyCostCode,
  'vendor-without-erp-id': vendorWithoutErpId,
  'budget-keyed-short': budgetKeyedShort,
  'co-never-exported': coNeverExported,
  'co-amount-transposed': coAmountTransposed,
  'budget-locked-after-export': budgetLockedAfterExport,
  'subcontract-export-failed': subcontractExportFailed,
  'subcontract-keyed-wrong': subcontractKeyedWrong,
  'invoice-never-posted': invoiceNeverPosted,
  'invoice-keyed-wrong': invoiceKeyedWrong,
  'invoice-entered-twice': invoiceEnteredTwice,
  'retainage-five-on-ten': retainageFiveOnTen,
  'reversal-not-synced': reversalNotSynced,
  'queue-without-approver': queueWithoutApprover,
  'queue-stale': queueStale,
  'steel-escalation': steelEscalation,
  'labor-productivity': laborProductivity,
  'loss-job': lossJob,
  'cost-above-estimate': costAboveEstimate,
  'within-tolerance': withinTolerance,
  'co-edits-merged': coEditsMerged,
} satisfies Record<string, Plant>;

export type PlantId = keyof typeof PLANTS;
export type { Plant, PlantContext, PlantOutcome, PlantSides } from './types.ts';
