/**
 * Collects the truth while jobs stream past: clean jobs (checked to tie to the cent before they are listed),
 * planted cases with their declared and derived findings, and what must not become a finding.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import { CONSEQUENCE_CHECK, derivedFindings, LIST_ECHOES, mergeFindings } from './expectations.ts';
import { NOT_PLANTABLE, NotFindingNotes } from './notes.ts';
import type { JobPlan } from './plan.ts';
import type { PlantOutcome, PlantSides } from './plants/types.ts';
import type { SideRows } from './rows.ts';
import type { CodeMapEntry } from './tie.ts';
import type { NotFinding, PlantedCase, Truth } from './truth.ts';

/** The generator broke its own promise (a clean job that would not tie); a bug, never bad input. */
export class DemoInvariantError extends Error {
  readonly code = 'demo_invariant_broken';
  constructor(what: string) {
    super(`demo generator invariant broken: ${what}; please report it with the seed and as-of date`);
    this.name = 'DemoInvariantError';
  }
}

export interface RenderedJob {
  plan: JobPlan;
  sides: PlantSides;
  pm: SideRows;
  erp: SideRows | null;
}

const ZERO = new Dec(0);

export class TruthRecorder {
  private readonly planted: PlantedCase[] = [];
  private readonly notFindings: NotFinding[] = [];
  private readonly cleanJobs: string[] = [];
  private readonly notes = new NotFindingNotes();

  constructor(
    private readonly codeMap: readonly CodeMapEntry[],
    private readonly tolerance: Dec,
  ) {}

  private derive(job: RenderedJob, tolerance: Dec, explains?: PlantOutcome['explains']) {
    return derivedFindings({
      jobNumber: job.plan.number,
      pm: job.pm,
      erp: job.erp,
      codeMap: this.codeMap,
      tolerance,
      explains,
    });
  }

  clean(job: RenderedJob, note: string | undefined, explain: boolean) {
    const derived = this.derive(job, ZERO);
    if (derived.length > 0)
      throw new DemoInvariantError(
        `clean job ${job.plan.number} would produce ${derived.map((d) => d.check).join(', ')}`,
      );
    this.cleanJobs.push(job.plan.number);
    if (explain) this.notFindings.push(...this.notes.about(job.plan, job.sides, note));
  }

  plantedCase(job: RenderedJob, id: string, outcome: PlantOutcome) {
    const derived = outcome.derive === false ? [] : this.derive(job, this.tolerance, outcome.explains);
    const declared = outcome.findings.map(({ check, ...rest }) => ({
      check,
      job_number: job.plan.number,
      ...rest,
    }));
    const echoes = LIST_ECHOES ? [] : (outcome.explains ?? []).map((c) => CONSEQUENCE_CHECK[c]);
    this.planted.push({
      id,
      story: outcome.story,
      expected_findings: mergeFindings(declared, derived),
      ...(echoes.length > 0 ? { echoes_not_listed: echoes } : {}),
    });
  }

  tolerated(job: RenderedJob, id: string, outcome: PlantOutcome) {
    const derived = this.derive(job, this.tolerance);
    if (derived.length > 0)
      throw new DemoInvariantError(
        `tolerated case ${id} on ${job.plan.number} would produce ${derived.map((d) => d.check).join(', ')}`,
      );
    for (const nf of outcome.notFindings ?? []) this.notFindings.push({ ...nf, job_number: job.plan.number });
  }

  truth(seed: number, asOf: string): Truth {
    return {
      seed,
      as_of: asOf,
      clean_jobs: this.cleanJobs,
      planted: this.planted,
      not_findings: this.notFindings,
      not_plantable: NOT_PLANTABLE,
    };
  }
}
