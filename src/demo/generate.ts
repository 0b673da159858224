/**
 * generateDemo: writes the demo company as two canonical CSV folders (`pm/`, `erp/`), `truth.json` (what
 * was planted) and `company.json` (the company settings it needs). Jobs are built, planted, rendered and
 * streamed one at a time, so the benchmark can scale the company far beyond memory.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Dec } from '../../connectors/canonical/money.ts';
import { type CanonicalTableName, TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { buildJob } from './build-job.ts';
import { lastMonthEnd } from './calendar.ts';
import { DEMO_COMPANY_ID, demoCompanySettings, vendorRows } from './company.ts';
import { CsvFolderWriter } from './csv-out.ts';
import { derivedFindings, mergeFindings } from './expectations.ts';
import { addJobToGl, emptyGl, glRows } from './gl-balances.ts';
import { IdAllocator } from './ids.ts';
import { NOT_PLANTABLE, NotFindingNotes } from './notes.ts';
import { type DemoOptionsInput, demoOptionsSchema } from './options.ts';
import { planJobs } from './plan.ts';
import { PLANTS } from './plants/index.ts';
import type { PlantSides } from './plants/types.ts';
import { createRng } from './random.ts';
import { renderJob, type SideRows } from './render.ts';
import { PLANTED_JOB_COUNT } from './roles.ts';
import type { NotFinding, PlantedCase, Truth } from './truth.ts';

export class DemoOptionsError extends Error {
  readonly code = 'demo_options_invalid';
}

/** The generator broke its own promise (a clean job that would not tie); a bug, never bad input. */
export class DemoInvariantError extends Error {
  readonly code = 'demo_invariant_broken';
  constructor(what: string) {
    super(`demo generator invariant broken: ${what}; please report it with the seed and as-of date`);
  }
}

const ZERO = new Dec(0);

export interface DemoResult {
  outDir: string;
  companyId: string;
  jobs: number;
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
  for (const sub of ['pm', 'erp']) await rm(path.join(outDir, sub), { recursive: true, force: true });
  await mkdir(path.join(outDir, 'pm'), { recursive: true });
  await mkdir(path.join(outDir, 'erp'), { recursive: true });
  const pmOut = new CsvFolderWriter(path.join(outDir, 'pm'), PM_TABLES);
  const erpOut = new CsvFolderWriter(path.join(outDir, 'erp'), ERP_TABLES);

  const plans = planJobs(seed, asOf, scale.jobs, options.plant);
  const ids = new IdAllocator();
  const settings = demoCompanySettings([]);
  const notes = new NotFindingNotes();
  const codeMap = settings.mappings.costCodes;
  const tolerance = new Dec(settings.defaultTolerance.absolute);
  const periodEnd = lastMonthEnd(asOf);
  const gl = emptyGl();
  const planted: PlantedCase[] = [];
  const notFindings: NotFinding[] = [];
  const cleanJobs: string[] = [];
  const jobLinks: { pm: string; erp: string }[] = [];

  try {
    await pmOut.write('vendors', vendorRows('pm'));
    await erpOut.write('vendors', vendorRows('erp'));
    for (const plan of plans) {
      const facts = buildJob(plan, { seed, asOf, scale, ids });
      const sides: PlantSides = { pm: structuredClone(facts), erp: structuredClone(facts) };
      const role = plan.role;
      let outcome: ReturnType<(typeof PLANTS)[keyof typeof PLANTS]> | undefined;
      if (role.kind !== 'clean') {
        outcome = PLANTS[role.plant](sides, { asOf, ids, rng: createRng(seed, `plant:${plan.index}`) });
      } else if (role.note === 'job-map') {
        // The ERP job was keyed with its Sage number only and no Procore link: the company job map links it.
        sides.pm.linked = false;
        sides.erp!.linked = false;
        sides.erp!.number = facts.ids.erp;
        jobLinks.push({ pm: facts.ids.pm, erp: facts.ids.erp });
      }
      const pmRows = renderJob('pm', sides.pm);
      const erpRows = sides.erp ? renderJob('erp', sides.erp) : null;
      await writeSide(pmOut, pmRows);
      if (erpRows) {
        await writeSide(erpOut, erpRows);
        addJobToGl(gl, { status: plan.status, pm: pmRows, erp: erpRows }, periodEnd);
      }
      if (role.kind === 'clean') {
        cleanJobs.push(plan.number);
        // The truth promises clean jobs tie to the cent; check it rather than trust it.
        const derived = derivedFindings({
          jobNumber: plan.number,
          pm: pmRows,
          erp: erpRows,
          codeMap,
          tolerance: ZERO,
        });
        if (derived.length > 0)
          throw new DemoInvariantError(
            `clean job ${plan.number} would produce ${derived.map((d) => d.check).join(', ')}`,
          );
      }
      if (role.kind === 'clean' && options.plant) notFindings.push(...notes.about(plan, sides, role.note));
      if (outcome && role.kind !== 'clean') {
        const derived =
          outcome.derive === false
            ? []
            : derivedFindings({ jobNumber: plan.number, pm: pmRows, erp: erpRows, codeMap, tolerance });
        const declared = outcome.findings.map((f) => ({ ...f, job_number: plan.number }));
        if (role.kind === 'plant')
          planted.push({
            id: role.plant,
            story: outcome.story,
            expected_findings: mergeFindings(declared, derived),
          });
        if (role.kind === 'not-finding' || derived.length > 0 || outcome.notFindings) {
          for (const nf of outcome.notFindings ?? []) notFindings.push({ ...nf, job_number: plan.number });
          if (role.kind === 'not-finding' && derived.length > 0)
            throw new Error(
              `demo invariant broken: tolerated case ${role.plant} on ${plan.number} would produce ${derived.map((d) => d.check).join(', ')}`,
            );
        }
      }
    }
    await erpOut.write('gl_balances', glRows(gl, periodEnd));
  } finally {
    await Promise.all([pmOut.close(), erpOut.close()]);
  }

  const truth: Truth = {
    seed,
    as_of: asOf,
    clean_jobs: cleanJobs,
    planted,
    not_findings: notFindings,
    not_plantable: NOT_PLANTABLE,
  };
  const finalSettings = demoCompanySettings(jobLinks);
  await writeFile(path.join(outDir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  await writeFile(path.join(outDir, 'company.json'), `${JSON.stringify(finalSettings, null, 2)}\n`);
  return {
    outDir,
    companyId: DEMO_COMPANY_ID,
    jobs: plans.length,
    rows: { pm: pmOut.counts(), erp: erpOut.counts() },
    truth,
  };
}

async function writeSide(out: CsvFolderWriter, rows: SideRows) {
  for (const [table, list] of Object.entries(rows) as [CanonicalTableName, SideRows[CanonicalTableName]][])
    await out.write(table, list);
}
