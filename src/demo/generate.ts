/**
 * generateDemo: writes the demo company as two canonical CSV folders (`pm/`, `erp/`), `truth.json` (what
 * was planted) and `company.json` (the company settings it needs). Jobs are built, planted, rendered and
 * streamed one at a time, so the benchmark can scale the company far beyond memory. Everything is written
 * under `<outDir>/.partial` first and moved into place only when the whole company is written, so a failed
 * run never leaves a half-written company behind.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { TieoutError } from '../../connectors/errors.ts';
import { DEMO_COMPANY_ID } from './company.ts';
import { type DemoOutcome, demoCompanyRows } from './company-stream.ts';
import { CsvFolderWriter } from './csv-out.ts';
import { type DemoOptionsInput, demoOptionsSchema } from './options.ts';
import { PLANTED_JOB_COUNT } from './roles.ts';
import type { Truth } from './truth.ts';

export { DemoInvariantError } from './truth-recorder.ts';

export class DemoOptionsError extends TieoutError {
  constructor(message: string) {
    super('bad_request', 'demo_options_invalid', message);
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

// The generated books keep no job report of their own (reported_job_totals): they are detail only.
const PM_TABLES = TABLE_NAMES.filter((t) => t !== 'gl_balances' && t !== 'reported_job_totals');
const ERP_TABLES = TABLE_NAMES.filter((t) => t !== 'sync_queue' && t !== 'reported_job_totals');

/** Where a long generation is: jobs and rows written so far (called after each job's PM rows). */
export interface DemoProgress {
  jobs: number;
  rows: number;
}

export async function generateDemo(
  input: DemoOptionsInput,
  onProgress?: (progress: DemoProgress) => void,
): Promise<DemoResult> {
  const parsed = demoOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'options'}: ${i.message}`)
      .join('; ');
    throw new DemoOptionsError(`generateDemo options are invalid: ${issues}`);
  }
  const options = parsed.data;
  const { scale } = options;
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

  let outcome: DemoOutcome;
  try {
    const rows = demoCompanyRows(options);
    const progress: DemoProgress = { jobs: 0, rows: 0 };
    let next = rows.next();
    for (; !next.done; next = rows.next()) {
      const chunk = next.value;
      await (chunk.side === 'pm' ? pmOut : erpOut).write(chunk.table, chunk.rows);
      progress.rows += chunk.rows.length;
      if (chunk.side === 'pm' && chunk.table === 'jobs') {
        progress.jobs += chunk.rows.length;
        onProgress?.(progress);
      }
    }
    outcome = next.value;
    await Promise.all([pmOut.close(), erpOut.close()]);
  } catch (e) {
    await Promise.allSettled([pmOut.close(), erpOut.close()]);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }

  const { truth, settings } = outcome;
  await writeFile(path.join(staging, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  await writeFile(path.join(staging, 'company.json'), `${JSON.stringify(settings, null, 2)}\n`);
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
