/**
 * The demo company as a stream of canonical rows, job by job, for whoever renders it: generateDemo writes the
 * rows to CSV; a system sandbox (Procore, Sage 100 Contractor) can serve the same company in its own format
 * without going through files. The generator's return value (after the last chunk) is the truth and the
 * company settings.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { CanonicalTableName, Side } from '../../connectors/canonical/tables.ts';
import type { CompanySettings } from '../config/schema.ts';
import { buildJob } from './build-job.ts';
import { lastMonthEnd } from './calendar.ts';
import { demoCompanySettings, vendorRows } from './company.ts';
import type { JobFacts } from './facts.ts';
import { addJobToGl, emptyGl, glRows } from './gl-balances.ts';
import { IdAllocator } from './ids.ts';
import type { DemoOptions } from './options.ts';
import { planJobs } from './plan.ts';
import { PLANTS } from './plants/index.ts';
import type { PlantSides } from './plants/types.ts';
import { createRng } from './random.ts';
import { renderJob } from './render.ts';
import type { Row, SideRows } from './rows.ts';
import type { Truth } from './truth.ts';
import { TruthRecorder } from './truth-recorder.ts';

export interface DemoChunk {
  side: Side;
  table: CanonicalTableName;
  rows: Row[];
}

export interface DemoOutcome {
  truth: Truth;
  settings: CompanySettings;
}

/** Rows of the demo company, one side and table at a time; options as validated by demoOptionsSchema. */
export function* demoCompanyRows(options: Omit<DemoOptions, 'outDir'>): Generator<DemoChunk, DemoOutcome> {
  const { seed, asOf, scale } = options;
  const ids = new IdAllocator();
  const defaults = demoCompanySettings([]);
  const recorder = new TruthRecorder(
    defaults.mappings.costCodes,
    new Dec(defaults.defaultTolerance.absolute),
  );
  const periodEnd = lastMonthEnd(asOf);
  const gl = emptyGl();
  const jobLinks: { pm: string; erp: string }[] = [];

  yield { side: 'pm', table: 'vendors', rows: vendorRows('pm') };
  yield { side: 'erp', table: 'vendors', rows: vendorRows('erp') };
  for (const plan of planJobs(seed, asOf, scale.jobs, options.plant)) {
    const facts = buildJob(plan, { seed, asOf, scale, ids });
    const role = plan.role;
    // Clean jobs are the same facts on both sides (rendering never edits them); cases edit their own copies.
    const shared = role.kind === 'clean' && role.note === undefined;
    const sides: PlantSides = shared
      ? { pm: facts, erp: facts }
      : { pm: structuredClone(facts), erp: structuredClone(facts) };
    const outcome =
      role.kind === 'clean'
        ? undefined
        : PLANTS[role.plant](sides, { asOf, ids, rng: createRng(seed, `plant:${plan.index}`) });
    if (role.kind === 'clean' && role.note === 'job-map') jobLinks.push(linkThroughJobMap(sides, facts));
    const job = {
      plan,
      sides,
      pm: renderJob('pm', sides.pm),
      erp: sides.erp ? renderJob('erp', sides.erp) : null,
    };
    yield* chunks('pm', job.pm);
    if (job.erp) {
      yield* chunks('erp', job.erp);
      addJobToGl(gl, { status: plan.status, pm: job.pm, erp: job.erp }, periodEnd);
    }
    if (role.kind === 'clean') recorder.clean(job, role.note, options.plant);
    else if (role.kind === 'plant') recorder.plantedCase(job, role.plant, outcome!);
    else recorder.tolerated(job, role.plant, outcome!);
  }
  yield { side: 'erp', table: 'gl_balances', rows: glRows(gl, periodEnd) };
  return { truth: recorder.truth(seed, asOf), settings: demoCompanySettings(jobLinks) };
}

function* chunks(side: Side, rows: SideRows): Generator<DemoChunk> {
  for (const [table, list] of Object.entries(rows) as [CanonicalTableName, Row[]][])
    if (list.length > 0) yield { side, table, rows: list };
}

/** The ERP job was keyed with its Sage number and no Procore link: only the company job map links it. */
function linkThroughJobMap(sides: PlantSides, facts: JobFacts) {
  sides.pm.linked = false;
  if (sides.erp) {
    sides.erp.linked = false;
    sides.erp.number = facts.ids.erp;
  }
  return { pm: facts.ids.pm, erp: facts.ids.erp };
}
