/**
 * The reconciliation run: read the snapshot's ledger (reports/ledger), run each check's SQL with its tolerance bound,
 * and turn the rows into findings that explain themselves.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
import { ensureLedger } from '../../reports/ledger/ledger.ts';
import type { CompanySettings } from '../config/schema.ts';
import { CHECKS, type CheckId, type CheckSpec, skippedChecks } from './catalogue.ts';
import type { SideStatus } from './index.ts';
import { findingMessage, systemName } from './messages.ts';
import { decimalParam, runSqlFile } from './sql.ts';
import { staleFindings } from './stale.ts';
import { toleranceFor } from './tolerance.ts';
import type { CheckRow, Finding, SourceDocument } from './types.ts';

export interface ReconcileInput {
  con: DuckDBConnection;
  settings: Pick<
    CompanySettings,
    'tolerances' | 'defaultTolerance' | 'staleAfterHours' | 'approvalStaleDays' | 'estimateSource'
  > &
    Partial<Pick<CompanySettings, 'tablesNotExported'>>;
  /** When the snapshot was taken (UTC ISO); defaults to the snapshot's snapshot_info.taken_at. */
  takenAt?: string;
  sides?: SideStatus[];
  companyId?: string;
  snapshotId?: string;
  /** Run only these checks (all when absent). */
  only?: readonly CheckId[];
}

export async function reconcile(input: ReconcileInput): Promise<Finding[]> {
  const { con, settings } = input;
  const info = Object.fromEntries(
    (await queryRows<{ key: string; value: string }>(con, 'SELECT key, value FROM snapshot_info')).map(
      (r) => [r.key, r.value],
    ),
  );
  const takenAt = input.takenAt ?? info.taken_at ?? new Date().toISOString();
  const ctx = {
    companyId: input.companyId ?? info.company_id ?? 'unknown',
    snapshotId: input.snapshotId ?? info.snapshot_id ?? info.run_id ?? takenAt,
    takenAt,
  };
  const sides = input.sides ?? (await readSides(con));
  const stale = staleFindings({ ...ctx, staleAfterHours: settings.staleAfterHours, sides });
  if (stale.length > 0) return stale;

  const names = {
    pm: systemName('pm', sides.find((s) => s.side === 'pm')?.system),
    erp: systemName('erp', sides.find((s) => s.side === 'erp')?.system),
  };
  await ensureLedger(con);
  const skipped = new Set(skippedChecks(settings.tablesNotExported).map((s) => s.check));
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    if (check.id === 'source.stale' || check.runs === 'wip') continue;
    if (input.only && !input.only.includes(check.id)) continue;
    if (skipped.has(check.id)) continue;
    const absent = absentInputs(check, sides);
    const tolerance = toleranceFor(settings, check.id);
    const params: Record<string, DuckDBValue> = {
      abs: decimalParam(tolerance.absolute, 2),
      rel: decimalParam(tolerance.relative, 6),
      taken_date: takenAt.slice(0, 10),
      stale_days: settings.approvalStaleDays,
      estimate_side: settings.estimateSource,
    };
    const rows = (await runSqlFile(con, `./checks/${check.id}.sql`, params)) as unknown as CheckRow[];
    for (const row of rows) {
      const finding = toFinding(check, row, ctx, names, check.usesTolerance ? tolerance : null);
      findings.push(absent ? withAbsentInputs(finding, absent) : finding);
    }
  }
  return findings.sort(byJobThenCheck);
}

async function readSides(con: DuckDBConnection): Promise<SideStatus[]> {
  const iso = (column: string) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')`;
  // Snapshots written before the data's age was recorded have no data_as_of: their age is the read's.
  const hasAge =
    (
      await queryRows<{ n: number | bigint }>(
        con,
        `SELECT count(*) AS n FROM information_schema.columns
         WHERE table_name = 'sources' AND column_name = 'data_as_of'`,
      )
    )[0]?.n.toString() !== '0';
  const rows = await queryRows<{
    side: 'pm' | 'erp';
    system: string;
    finished_at: string;
    data_as_of: string | null;
    data_as_of_detail: string | null;
    tables_missing: string | null;
  }>(
    con,
    hasAge
      ? `SELECT side, system, ${iso('finished_at')} AS finished_at, ${iso('data_as_of')} AS data_as_of,
           data_as_of_detail, CAST(tables_missing AS VARCHAR) AS tables_missing FROM sources`
      : `SELECT side, system, ${iso('finished_at')} AS finished_at, NULL AS data_as_of,
           NULL AS data_as_of_detail, NULL AS tables_missing FROM sources`,
  );
  return rows.map((r) => ({
    side: r.side,
    system: r.system,
    finishedAt: r.finished_at,
    dataAsOf: r.data_as_of,
    dataAsOfDetail: r.data_as_of_detail,
    tablesMissing: r.tables_missing ? (JSON.parse(r.tables_missing) as string[]) : [],
  }));
}

/** The tables a check needs that a side did not deliver (an expected file absent from a folder). */
function absentInputs(check: CheckSpec, sides: SideStatus[]): { side: 'pm' | 'erp'; table: string }[] | null {
  const out: { side: 'pm' | 'erp'; table: string }[] = [];
  for (const s of sides) {
    for (const table of check.needs[s.side]) {
      if (s.tablesMissing?.includes(table)) out.push({ side: s.side, table });
    }
  }
  return out.length > 0 ? out : null;
}

/** A finding that may come only from a side delivering no records for a table says so. */
function withAbsentInputs(finding: Finding, absent: { side: 'pm' | 'erp'; table: string }[]): Finding {
  const named = absent
    .map(
      (a) =>
        `${a.side === 'pm' ? 'the project-management' : 'the accounting (ERP)'} side delivered no ${a.table}`,
    )
    .join('; ');
  return {
    ...finding,
    message: `${finding.message} Note: ${named} (the file was absent and read as no records); if that system does not export it, list it in settings.tablesNotExported.`,
    facts: { ...finding.facts, tablesAbsent: absent.map((a) => `${a.side}.${a.table}`) },
  };
}

function toFinding(
  check: CheckSpec,
  row: CheckRow,
  ctx: { companyId: string; snapshotId: string; takenAt: string },
  names: { pm: string; erp: string },
  tolerance: Finding['tolerance'],
): Finding {
  const pmAmount = exactMoney(check.id, row.pm_amount);
  const erpAmount = exactMoney(check.id, row.erp_amount);
  const facts = parseJson<Record<string, unknown>>(row.facts) ?? {};
  // forecast.overrun compares two figures of one side, source.report_mismatch a report with the detail of
  // one side: their SQL states the difference.
  const isAmountCheck =
    check.usesTolerance && check.id !== 'forecast.overrun' && check.id !== 'source.report_mismatch';
  const difference = isAmountCheck
    ? new Dec(pmAmount ?? 0).minus(erpAmount ?? 0).toFixed(2)
    : ((facts.difference as string | undefined) ?? null);
  const jobName = row.pm_job_name ?? row.erp_job_name ?? null;
  const job = [row.job_number, jobName].filter(Boolean).join(' ') || '(no job)';
  const line = [row.cost_code, row.cost_type].filter(Boolean).join(' ');
  const message = findingMessage({
    check: check.id,
    pm: names.pm,
    erp: names.erp,
    job,
    line: line ? `cost code ${line}` : '',
    document: row.document ?? null,
    vendor: row.vendor ?? null,
    pmAmount,
    erpAmount,
    difference,
    facts,
  });
  return {
    key: `${check.id}|${row.natural_key}`,
    check: check.id,
    severity: check.severity,
    ...ctx,
    jobNumber: row.job_number ?? null,
    pmJobId: row.pm_job_id ?? null,
    erpJobId: row.erp_job_id ?? null,
    pmJobName: row.pm_job_name ?? null,
    erpJobName: row.erp_job_name ?? null,
    costCode: row.cost_code ?? null,
    costType: row.cost_type ?? null,
    document: row.document ?? null,
    vendor: row.vendor ?? null,
    pmAmount,
    erpAmount,
    difference,
    tolerance,
    message,
    documents: { pm: docs(row.pm_docs), erp: docs(row.erp_docs) },
    facts,
  };
}

/** Amounts must arrive as exact decimal strings; a number means a check's SQL went through a double. */
function exactMoney(check: CheckId, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string')
    throw new Error(`${check}: an amount arrived as ${typeof value}, not a decimal`);
  return new Dec(value).toFixed(2);
}

function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

function docs(value: unknown): SourceDocument[] {
  const parsed = parseJson<unknown>(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((d) => (typeof d === 'string' ? JSON.parse(d) : d) as SourceDocument);
}

function byJobThenCheck(a: Finding, b: Finding): number {
  return (
    (a.jobNumber ?? '').localeCompare(b.jobNumber ?? '') ||
    a.check.localeCompare(b.check) ||
    a.key.localeCompare(b.key)
  );
}
