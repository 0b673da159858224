/** The shape of `truth.json`: what the generator planted, and what must not become a finding. */

// The check ids are the reconciliation catalogue's: one list, so a new check cannot be missed here.
import type { CheckId } from '../recon/catalogue.ts';

export { CHECK_IDS, type CheckId } from '../recon/catalogue.ts';

export interface ExpectedFinding {
  check: CheckId;
  /** The PM job number (the ERP number for ERP-only jobs). */
  job_number: string;
  cost_code?: string;
  cost_type?: string;
  /** Change order, commitment or invoice number, sync item number, or vendor name. */
  document?: string;
  pm_amount?: string;
  erp_amount?: string;
}

export interface PlantedCase {
  id: string;
  story: string;
  expected_findings: ExpectedFinding[];
  /** Findings the case also causes but that only echo its own finding; reconciliation reports one per cause. */
  echoes_not_listed?: CheckId[];
}

export interface NotFinding {
  story: string;
  job_number: string;
  check?: CheckId;
  document?: string;
  cost_code?: string;
  cost_type?: string;
  pm_amount?: string;
  erp_amount?: string;
}

export interface Truth {
  seed: number;
  as_of: string;
  clean_jobs: string[];
  planted: PlantedCase[];
  not_findings: NotFinding[];
  /** Checks no dataset can plant, with how they arise. */
  not_plantable: { check: CheckId; story: string }[];
}
