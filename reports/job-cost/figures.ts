/**
 * The job cost report from memory: a job's figures (figures.sql, every amount read through the ledger) are
 * loaded once per snapshot, and the report as of any date is summed from them without a query — the same
 * sums, line grain and order job-cost-lines.sql computes in SQL (held to it by test/reports/job-cost-memory).
 * Amounts are kept as integer cents (bigint), never as floats; dated amounts as running totals per series,
 * so an as-of date is a binary search.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { loadReportSql } from '../shared/sql.ts';
import {
  assembleJobCostReport,
  ensureJobCostFigures,
  type JobCostFacts,
  type JobCostJob,
  type JobCostParams,
  type JobCostReport,
  type JobCostRow,
} from './job-cost.ts';

interface FigureKey {
  side: 'pm' | 'erp';
  costCode: string | null;
  measure: string;
  kc: number;
  kt: number | null;
  keyCode: string;
  keyType: string | null;
}

/** Rows that count whatever the as-of date (budgets, commitments, undated invoices). */
interface Undated extends FigureKey {
  cents: bigint | null;
  rows: number;
  blanks: number;
}

/** Rows that count from a date: their dates ascending and the running total of cents up to each. */
interface Dated extends FigureKey {
  dates: string[];
  runningCents: bigint[];
}

export interface JobCostFigures {
  job: JobCostJob;
  undated: Undated[];
  dated: Dated[];
  /** Subcontractor invoices without lines, with the date each counts from (null: undated). */
  unlinedInvoices: { basis: string; countsFrom: string | null }[];
  facts: Pick<JobCostFacts, 'pending_cos_without_lines' | 'pm_committed_lines'>;
}

const LOAD_SQL = `
SELECT side, cost_code, measure, kc, kt, key_code, key_type, counts_from::VARCHAR AS counts_from,
  CAST(sum(amount) AS VARCHAR) AS amount, count(*) AS n, count(amount) AS valued
FROM job_cost_figures($pm_job_id::VARCHAR, $erp_job_id::VARCHAR)
GROUP BY ALL
ORDER BY counts_from NULLS FIRST`;
const INVOICES_SQL = `SELECT basis, counts_from::VARCHAR AS counts_from
FROM ledger_pm_invoices(NULL, false, $pm_job_id::VARCHAR) WHERE basis <> 'lines'`;

/** "-1234.5" → -123450n: a DECIMAL read as a string, in cents, exactly. */
export function toCents(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  if (fraction.replace(/0+$/, '').length > 2) throw new Error(`${amount} has more than two decimals`);
  const cents = BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2));
  return negative ? -cents : cents;
}

/** -123450n → "-1234.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

type FigureRow = {
  side: 'pm' | 'erp';
  cost_code: string | null;
  measure: string;
  kc: number;
  kt: number | null;
  key_code: string;
  key_type: string | null;
  counts_from: string | null;
  amount: string | null;
  n: string | number;
  valued: string | number;
};

/** Loads one job's figures from a snapshot (once per snapshot and job). */
export async function loadJobCostFigures(con: DuckDBConnection, job: JobCostJob): Promise<JobCostFigures> {
  await ensureJobCostFigures(con);
  const pmJobId = job.pm_job_id === null ? null : String(job.pm_job_id);
  const rows = await queryRows<FigureRow>(con, LOAD_SQL, {
    pm_job_id: pmJobId,
    erp_job_id: String(job.job_id),
  });
  const undated: Undated[] = [];
  const dated = new Map<string, Dated>();
  for (const r of rows) {
    const key: FigureKey = {
      side: r.side,
      costCode: r.cost_code,
      measure: r.measure,
      kc: Number(r.kc),
      kt: r.kt === null ? null : Number(r.kt),
      keyCode: r.key_code,
      keyType: r.key_type,
    };
    const cents = r.amount === null ? null : toCents(r.amount);
    if (r.counts_from === null) {
      undated.push({ ...key, cents, rows: Number(r.n), blanks: Number(r.n) - Number(r.valued) });
      continue;
    }
    const id = JSON.stringify([key.side, key.costCode, key.measure, key.kc, key.kt]);
    let series = dated.get(id);
    if (!series) {
      series = { ...key, dates: [], runningCents: [] };
      dated.set(id, series);
    }
    const before = series.runningCents.at(-1) ?? 0n;
    series.dates.push(r.counts_from);
    series.runningCents.push(before + (cents ?? 0n));
  }
  const invoices = await queryRows<{ basis: string; counts_from: string | null }>(con, INVOICES_SQL, {
    pm_job_id: pmJobId,
  });
  const [notes] = await queryRows<Record<string, unknown>>(
    con,
    loadReportSql(import.meta.url, './job-cost-notes.sql'),
    { pm_job_id: pmJobId, as_of: null },
  );
  return {
    job,
    undated,
    dated: [...dated.values()],
    unlinedInvoices: invoices.map((i) => ({ basis: i.basis, countsFrom: i.counts_from })),
    facts: {
      pending_cos_without_lines: Number(notes?.pending_cos_without_lines ?? 0),
      pm_committed_lines: Number(notes?.pm_committed_lines ?? 0),
    },
  };
}

/** How many of the ascending dates are on or before asOf. */
function countedBy(dates: string[], asOf: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** DuckDB orders text by its bytes; so does this (JS's < compares UTF-16 units, which differs past U+FFFF). */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const NULLABLE = [
  'original_budget',
  'approved_changes',
  'revised_budget',
  'pending_changes',
  'committed_cost',
  'forecast_to_complete',
  'estimated_cost_at_completion',
] as const;
const ZERO_WHEN_NONE = [
  'direct_cost',
  'approved_direct_cost',
  'subcontractor_invoices',
  'pending_cost_changes',
  'erp_posted_cost',
] as const;

interface Line {
  keyCode: string;
  costType: string;
  pmCodes: Set<string>;
  erpCodes: Set<string>;
  sums: Map<string, bigint>;
  onBudget: number;
  eacBlanks: number;
}

/** The lines of job-cost-lines.sql as of a date, summed from memory. */
export function jobCostRowsAsOf(figures: JobCostFigures, asOf: string): JobCostRow[] {
  const present: Undated[] = [...figures.undated];
  for (const s of figures.dated) {
    const n = countedBy(s.dates, asOf);
    if (n > 0) present.push({ ...s, cents: s.runningCents[n - 1] as bigint, rows: n, blanks: 0 });
  }
  // The grain (line_grain): by cost type unless the two sides' types neither contain one another nor both
  // break the job down by more than one type.
  const types = { pm: new Set<number>(), erp: new Set<number>() };
  for (const f of present) if (f.kt !== null) types[f.side].add(f.kt);
  const contains = (a: Set<number>, b: Set<number>) => [...b].every((t) => a.has(t));
  const byType =
    types.pm.size === 0 ||
    types.erp.size === 0 ||
    contains(types.pm, types.erp) ||
    contains(types.erp, types.pm) ||
    (types.pm.size > 1 && types.erp.size > 1);
  const lines = new Map<string, Line>();
  for (const f of present) {
    const typeKey = byType ? (f.kt ?? 0) : -1;
    const costType = typeKey === -1 ? '' : (f.keyType ?? '');
    const id = `${f.kc}|${typeKey}|${costType}`;
    let line = lines.get(id);
    if (!line) {
      line = {
        keyCode: f.keyCode,
        costType,
        pmCodes: new Set(),
        erpCodes: new Set(),
        sums: new Map(),
        onBudget: 0,
        eacBlanks: 0,
      };
      lines.set(id, line);
    }
    if (f.costCode !== null) (f.side === 'pm' ? line.pmCodes : line.erpCodes).add(f.costCode);
    if (f.measure === 'on_budget') line.onBudget += f.rows;
    if (f.measure === 'estimated_cost_at_completion') line.eacBlanks += f.blanks;
    if (f.cents !== null) line.sums.set(f.measure, (line.sums.get(f.measure) ?? 0n) + f.cents);
  }
  const codes = (set: Set<string>) => [...set].sort(byBytes).join(', ');
  return [...lines.values()]
    .sort(
      (a, b) =>
        Number(a.keyCode === '') - Number(b.keyCode === '') ||
        byBytes(a.keyCode, b.keyCode) ||
        byBytes(a.costType, b.costType),
    )
    .map((l) => {
      const row: JobCostRow = {
        key_code: l.keyCode,
        pm_codes: codes(l.pmCodes),
        erp_codes: codes(l.erpCodes),
        cost_type: l.costType,
        on_budget: l.onBudget > 0,
        eac_on_every_line: l.onBudget > 0 && l.eacBlanks === 0,
      };
      for (const m of NULLABLE) {
        const v = l.sums.get(m);
        row[m] = v === undefined ? null : fromCents(v);
      }
      for (const m of ZERO_WHEN_NONE) row[m] = fromCents(l.sums.get(m) ?? 0n);
      return row;
    });
}

/** The facts of job-cost-notes.sql as of a date, from memory. */
export function jobCostFactsAsOf(figures: JobCostFigures, asOf: string): JobCostFacts {
  const counted = figures.unlinedInvoices.filter((i) => i.countsFrom === null || i.countsFrom <= asOf);
  return {
    invoices_spread: counted.filter((i) => i.basis === 'spread').length,
    invoices_unallocated: counted.filter((i) => i.basis === 'unallocated').length,
    ...figures.facts,
  };
}

/** The job cost report as of a date from a job's figures in memory. */
export function jobCostReportFromFigures(figures: JobCostFigures, params: JobCostParams): JobCostReport {
  return assembleJobCostReport(
    figures.job,
    params,
    jobCostRowsAsOf(figures, params.asOf),
    jobCostFactsAsOf(figures, params.asOf),
  );
}
