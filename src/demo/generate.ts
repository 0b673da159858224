/**
 * generateDemo: writes the demo company as two canonical CSV folders (`pm/`, `erp/`), `truth.json` (what
 * was planted) and `company.json` (the company settings it needs). Jobs are built, planted, rendered and
 * streamed one at a time, so the benchmark can scale the company far beyond memory. Everything is written
 * under `<outDir>/.partial` first and moved into place only when the whole company is written, so a failed
 * run never leaves a half-written company behind.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Dec } from '../../connectors/canonical/money.ts';
import { type CanonicalTableName, TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { buildJob } from './build-job.ts';
import { lastMonthEnd } from './calendar.ts';
import { DEMO_COMPANY_ID, demoCompanySettings, vendorRows } from './company.ts';
import { CsvFolderWriter } from './csv-out.ts';
import type { JobFacts } from './facts.ts';
import { addJobToGl, emptyGl, glRows } from './gl-balances.ts';
import { IdAllocator } from './ids.ts';
import { type DemoOptionsInput, demoOptionsSchema } from './options.ts';
import { planJobs } from './plan.ts';
import { PLANTS } from './plants/index.ts';
import type { PlantSides } from './plants/types.ts';
import { createRng } from './random.ts';
import { renderJob, type SideRows } from './render.ts';
import { PLANTED_JOB_COUNT } from './roles.ts';
import type { Truth } from './truth.ts';
import { TruthRecorder } from './truth-recorder.ts';

export { DemoInvariantError } from './truth-recorder.ts';

export class DemoOptionsError extends Error {
  readonly code = 'demo_options_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'DemoOptionsError';
  }
}

export interface DemoResult {
  outDir: string;
  companyId: string;
  jobs: number;
  /** Rows written per table and side. */
  rows: { pm: Record<string, number>; erp: Record<string, number> };
  truth: Truth;
}

const PM_TABLES = TABLE_NAMES.filter((t) => t !== 'gl_balances');
const ERP_TABLES = TABLE_NAMES.filter((t) => t !== 'sync_queue');

export async function generateDemo(input: DemoOptionsInput): Promise<DemoResult> {
  const parsed = demoOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'options'}: ${i.message}`)
      .join('; ');
    throw new DemoOptionsError(`generateDemo options are invalid: ${issues}`);
  }
  const options = parsed.data;
  const { seed, asOf, scale } = options;
  if (options.plant && scale.jobs < PLANTED_JOB_COUNT) {
    throw new DemoOptionsError(
      `planting every case needs at least ${PLANTED_JOB_COUNT} jobs (asked for ${scale.jobs}); raise scale.jobs or pass plant: false`,
    );
  }
  const outDir = path.resolve(options.outDir);
  const staging = path.join(outDir, '.partial');
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, 'pm'), { recursive: true });
  await mkdir(path.join(staging, 'erp'), { recursive: true });
  const pmOut = new CsvFolderWriter(path.join(staging, 'pm'), PM_TABLES);
  const erpOut = new CsvFolderWriter(path.join(staging, 'erp'), ERP_TABLES);

  const ids = new IdAllocator();
  const settings = demoCompanySettings([]);
  const recorder = new TruthRecorder(
    settings.mappings.costCodes,
    new Dec(settings.defaultTolerance.absolute),
  );
  const periodEnd = lastMonthEnd(asOf);
  const gl = emptyGl();
  const jobLinks: { pm: string; erp: string }[] = [];

  try {
    await pmOut.write('vendors', vendorRows('pm'));
    await erpOut.write('vendors', vendorRows('erp'));
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
      await writeSide(pmOut, job.pm);
      if (job.erp) {
        await writeSide(erpOut, job.erp);
        addJobToGl(gl, { status: plan.status, pm: job.pm, erp: job.erp }, periodEnd);
      }
      if (role.kind === 'clean') recorder.clean(job, role.note, options.plant);
      else if (role.kind === 'plant') recorder.plantedCase(job, role.plant, outcome!);
      else recorder.tolerated(job, role.plant, outcome!);
    }
    await erpOut.write('gl_balances', glRows(gl, periodEnd));
  } finally {
    await Promise.all([pmOut.close(), erpOut.close()]);
  }

  const truth = recorder.truth(seed, asOf);
  await writeFile(path.join(staging, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  await writeFile(
    path.join(staging, 'company.json'),
    `${JSON.stringify(demoCompanySettings(jobLinks), null, 2)}\n`,
  );
  for (const name of ['pm', 'erp', 'truth.json', 'company.json']) {
    await rm(path.join(outDir, name), { recursive: true, force: true });
    await rename(path.join(staging, name), path.join(outDir, name));
  }
  await rm(staging, { recursive: true, force: true });
  return {
    outDir,
    companyId: DEMO_COMPANY_ID,
    jobs: scale.jobs,
    rows: { pm: pmOut.counts(), erp: erpOut.counts() },
    truth,
  };
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

async function writeSide(out: CsvFolderWriter, rows: SideRows) {
  for (const [table, list] of Object.entries(rows) as [CanonicalTableName, SideRows[CanonicalTableName]][])
    await out.write(table, list);
}
