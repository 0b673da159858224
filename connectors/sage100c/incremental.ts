/**
 * Incremental job cost. jobcst is the one Sage table that grows into millions of rows; every other table is
 * read whole. After a full read the connector keeps a local copy of the rows it read (NDJSON in its cache
 * folder) and a high-water mark of insdte/upddte. The next run asks the server only for the rows inserted or
 * updated since, plus every record number (to drop deletions), merges them into the copy — and uses the
 * merge only if it has exactly the server's control totals (count and sums of amount, cost code, job, cost
 * type, status, phase). Any doubt — no copy, a changed database, totals that differ, a week since the last
 * full read — means a full read. A wrong number is worse than a slow one.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Dec } from '../canonical/money.ts';
import type { ConnectorLogger } from '../contract.ts';
import type { QueryName } from './queries.ts';
import type { SqlParam, SqlRow } from './sql-client.ts';

export interface JobCostState {
  version: 1;
  database: string;
  file: string;
  /** Highest insdte/upddte seen, ISO; null when no row carried one (then every run reads in full). */
  watermark: string | null;
  fullAt: string;
}

export interface JobCostSource {
  batches(name: QueryName, params?: Record<string, SqlParam>): AsyncIterable<SqlRow[]>;
  all(name: QueryName, params?: Record<string, SqlParam>): Promise<SqlRow[]>;
  cacheDir?: string;
  database: string;
  previous: unknown;
  runStartedAt: Date;
  log: ConnectorLogger;
  saveState(state: JobCostState): void;
}

const FULL_READ_EVERY_MS = 7 * 86_400_000;
const BATCH = 2048;

function stamp(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  return text.includes('T') ? text : `${text.replace(' ', 'T')}Z`;
}

function isState(value: unknown, database: string): value is JobCostState {
  const s = value as JobCostState | null;
  return !!s && s.version === 1 && s.database === database && typeof s.file === 'string' && !!s.watermark;
}

class Totals {
  count = 0;
  cost = new Dec(0);
  code = new Dec(0);
  job = 0;
  type = 0;
  status = 0;
  phase = 0;
  add(row: SqlRow) {
    this.count++;
    this.cost = this.cost.plus((row.cstamt as string | null) ?? 0);
    this.code = this.code.plus((row.cstcde as string | null) ?? 0);
    this.job += Number(row.jobnum ?? 0);
    this.type += Number(row.csttyp ?? 0);
    this.status += Number(row.status ?? 0);
    this.phase += Number(row.phsnum ?? 0);
  }
  matches(server: SqlRow): boolean {
    const n = (v: unknown) => new Dec((v as string | null) ?? 0);
    return (
      Number(server.row_count) === this.count &&
      n(server.cost_total).eq(this.cost) &&
      n(server.code_total).eq(this.code) &&
      n(server.job_total).eq(this.job) &&
      n(server.type_total).eq(this.type) &&
      n(server.status_total).eq(this.status) &&
      n(server.phase_total).eq(this.phase)
    );
  }
}

async function* cachedRows(file: string): AsyncIterable<SqlRow> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line) yield JSON.parse(line) as SqlRow;
}

/** Yields job-cost rows in batches, incrementally when it is safe, and keeps the local copy for next time. */
export async function* jobCostBatches(source: JobCostSource): AsyncIterable<SqlRow[]> {
  if (!source.cacheDir) {
    yield* source.batches('job-cost');
    return;
  }
  await mkdir(source.cacheDir, { recursive: true });
  // A new name every run: the copy being merged from must never be the one being written.
  const file = path.join(source.cacheDir, `jobcst-${source.runStartedAt.getTime()}-${randomUUID()}.ndjson`);
  const stored = (source.previous as { jobcst?: unknown } | null)?.jobcst;
  const prior = isState(stored, source.database) ? stored : undefined;
  const merged = prior ? await planIncremental(source, prior) : undefined;
  source.log.info({ jobCostRead: merged ? 'incremental' : 'full' }, 'reading Sage job cost');
  const out = createWriteStream(file);
  let watermark: string | null = merged && prior ? prior.watermark : null;
  const write = (rows: SqlRow[]) => {
    for (const row of rows) {
      const seen = [stamp(row.insdte), stamp(row.upddte)].filter((s): s is string => s !== null);
      for (const s of seen) if (watermark === null || s > watermark) watermark = s;
    }
    return writeLines(out, rows);
  };
  try {
    for await (const batch of merged ?? source.batches('job-cost')) {
      await write(batch);
      yield batch;
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  const fullAt = merged && prior ? prior.fullAt : source.runStartedAt.toISOString();
  source.saveState({ version: 1, database: source.database, file, watermark, fullAt });
  await pruneCopies(source.cacheDir, [file, prior?.file]);
}

/** The merged rows when an incremental read is safe; undefined when a full read is needed. */
async function planIncremental(source: JobCostSource, state: JobCostState) {
  if (source.runStartedAt.getTime() - Date.parse(state.fullAt) > FULL_READ_EVERY_MS) return undefined;
  try {
    await stat(state.file);
  } catch {
    return undefined;
  }
  const changed = new Map<string, SqlRow>();
  for (const row of await source.all('job-cost-changed', { since: state.watermark!.replace(/Z$/, '') })) {
    changed.set(String(row.recnum), row);
  }
  const keys = new Set<string>();
  for await (const batch of source.batches('job-cost-keys'))
    for (const row of batch) keys.add(String(row.recnum));
  const [server] = await source.all('job-cost-totals');
  const keep = (row: SqlRow) => keys.has(String(row.recnum)) && !changed.has(String(row.recnum));
  const totals = new Totals();
  for await (const row of cachedRows(state.file)) if (keep(row)) totals.add(row);
  for (const row of changed.values()) totals.add(row);
  if (!server || !totals.matches(server)) {
    source.log.warn(
      { changed: changed.size, mergedRows: totals.count, serverRows: Number(server?.row_count) },
      'incremental job cost does not match the server totals; reading job cost in full',
    );
    return undefined;
  }
  return (async function* () {
    let batch: SqlRow[] = [];
    for await (const row of cachedRows(state.file)) {
      if (!keep(row)) continue;
      batch.push(row);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    batch.push(...changed.values());
    if (batch.length) yield batch;
  })();
}

function writeLines(out: WriteStream, rows: SqlRow[]): Promise<void> | undefined {
  let text = '';
  for (const row of rows) text += `${JSON.stringify(row)}\n`;
  if (out.write(text)) return undefined;
  return new Promise((resolve) => out.once('drain', resolve));
}

/** Keeps the new copy and the one the last published snapshot relies on; removes older copies. */
async function pruneCopies(dir: string, keep: (string | undefined)[]): Promise<void> {
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if (name.startsWith('jobcst-') && !keep.includes(full)) await rm(full, { force: true });
  }
}
