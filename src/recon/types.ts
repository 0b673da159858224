/** A finding: one real difference between the two sides, explained well enough to go and fix it. */
import type { CheckId, Severity } from './catalogue.ts';

/** A source document behind a finding: enough to find it in the system it came from. */
export interface SourceDocument {
  system: 'pm' | 'erp';
  table: string;
  id?: string | null;
  number?: string | null;
  date?: string | null;
  status?: string | null;
  amount?: string | null;
  /** Where the row came from (file:line, API path, table and record number). */
  ref?: string | null;
  [field: string]: string | null | undefined;
}

export interface AppliedTolerance {
  absolute: string;
  relative: string;
}

export interface Finding {
  /** Stable across snapshots: the check id plus the natural key of what differs. */
  key: string;
  check: CheckId;
  severity: Severity;
  companyId: string;
  snapshotId: string;
  takenAt: string;
  jobNumber: string | null;
  pmJobId: string | null;
  erpJobId: string | null;
  pmJobName: string | null;
  erpJobName: string | null;
  costCode: string | null;
  costType: string | null;
  /** The commitment, change order or invoice number concerned. */
  document: string | null;
  vendor: string | null;
  /** Decimal strings; null when the side has nothing. */
  pmAmount: string | null;
  erpAmount: string | null;
  /** pm − erp, a decimal string; null for findings that are not about an amount. */
  difference: string | null;
  tolerance: AppliedTolerance | null;
  message: string;
  documents: { pm: SourceDocument[]; erp: SourceDocument[] };
  /** Check-specific facts the message was built from (dates, statuses, counts). */
  facts: Record<string, unknown>;
}

/** What a check's SQL returns per row (columns it does not need may be absent). */
export interface CheckRow {
  natural_key: string;
  job_number?: string | null;
  pm_job_id?: string | null;
  erp_job_id?: string | null;
  pm_job_name?: string | null;
  erp_job_name?: string | null;
  cost_code?: string | null;
  cost_type?: string | null;
  document?: string | null;
  vendor?: string | null;
  pm_amount?: string | null;
  erp_amount?: string | null;
  pm_docs?: unknown;
  erp_docs?: unknown;
  facts?: unknown;
}
