import type { Consequence } from '../expectations.ts';
import type { JobFacts } from '../facts.ts';
import type { IdAllocator } from '../ids.ts';
import type { Rng } from '../random.ts';
import type { ExpectedFinding, NotFinding } from '../truth.ts';

export interface PlantSides {
  pm: JobFacts;
  /** null when the job never reached the ERP. */
  erp: JobFacts | null;
}

export interface PlantContext {
  asOf: string;
  rng: Rng;
  ids: IdAllocator;
}

export interface PlantOutcome {
  story: string;
  /** The finding the case plants; consequences are derived (expectations.ts) unless `derive` is false. */
  findings: Omit<ExpectedFinding, 'job_number'>[];
  /** Set false when the job cannot be compared line by line (it is not linked to anything). */
  derive?: boolean;
  /** Consequences the planted finding already explains: recon reports one finding per cause. */
  explains?: Consequence[];
  /** For tolerated cases: what must not become a finding. */
  notFindings?: Omit<NotFinding, 'job_number'>[];
}

export type Plant = (sides: PlantSides, ctx: PlantContext) => PlantOutcome;
