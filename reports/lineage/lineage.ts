/**
 * A figure's drill-down: the rows the report sums to make it (ledger_wip_rows for the WIP, job_cost_figures
 * for the job cost report; columns.ts says which measures make which column), each with its document on both
 * sides (documents.sql). The rows' signed total is returned beside, so a caller can hold it to the figure.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
import { ensureJobCostFigures } from '../job-cost/job-cost.ts';
import { ensureLedger } from '../ledger/ledger.ts';
import { loadReportSql } from '../shared/sql.ts';
import type { SummedColumn } from './columns.ts';

export interface LineageDocument {
  /** The ERP job of the figure the row makes. */
  erpJobId: string;
  side: 'pm' | 'erp';
  measure: string;
  /** +1: the row adds to the figure; −1: it is taken off (a difference of two sides). */
  sign: 1 | -1;
  amount: string;
  countsFrom: string | null;
  costCode: string | null;
  costType: string | null;
  /** The canonical table the amount is read from and the source system's id of its document (and line). */
  table: string;
  documentId: string;
  lineId: string | null;
  /** The document's number in the source system (the invoice for a posted cost that names one). */
  number: string | null;
  status: string | null;
  date: string | null;
  description: string | null;
  sourceRef: string | null;
  documentRef: string | null;
  /** The same document on the other side, when the ledger pairs it. */
  other: {
    side: 'pm' | 'erp';
    table: string;
    documentId: string;
    number: string | null;
    sourceRef: string | null;
  } | null;
  /** The source system's payload as read, when the connector kept it. */
  raw: unknown;
}

export interface LineageRows {
  documents: LineageDocument[];
  /** Σ sign × amount over the documents, to the cent. */
  total: Dec;
}

const DOCUMENTS_SQL = loadReportSql(import.meta.url, './documents.sql');
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const signCase = (col: SummedColumn) =>
  `CASE measure ${Object.entries(col.measures)
    .map(([m, sign]) => `WHEN ${sqlString(m)} THEN ${sign}`)
    .join(' ')} END`;
const measureList = (col: SummedColumn) => Object.keys(col.measures).map(sqlString).join(', ');

type Row = Record<string, string | number | null>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

async function documents(con: DuckDBConnection, rowsSql: string, params: Record<string, string | null>) {
  const rows = await queryRows<Row>(
    con,
    DOCUMENTS_SQL.replace('{{rows}}', () => rowsSql),
    params,
  );
  let total = new Dec(0);
  const docs = rows.map((r): LineageDocument => {
    const sign = Number(r.row_sign) === -1 ? -1 : 1;
    total = total.plus(new Dec(String(r.amount)).times(sign));
    const raw = str(r.raw_payload);
    return {
      erpJobId: String(r.erp_job_id),
      side: r.side as 'pm' | 'erp',
      measure: String(r.measure),
      sign,
      amount: new Dec(String(r.amount)).toFixed(2),
      countsFrom: str(r.counts_from),
      costCode: str(r.cost_code),
      costType: str(r.cost_type),
      table: String(r.doc_table),
      documentId: String(r.doc_id),
      lineId: str(r.line_id),
      number: str(r.number),
      status: str(r.status),
      date: str(r.document_date),
      description: str(r.description),
      sourceRef: str(r.source_ref),
      documentRef: str(r.document_ref),
      other:
        r.other_id === null || r.other_id === undefined
          ? null
          : {
              side: r.other_side as 'pm' | 'erp',
              table: String(r.other_table),
              documentId: String(r.other_id),
              number: str(r.other_number),
              sourceRef: str(r.other_ref),
            },
      raw: raw === null ? null : JSON.parse(raw),
    };
  });
  return { documents: docs, total };
}

/** The documents behind one WIP column of one ERP job (null: of every job) as of a date. */
export async function wipLineageRows(
  con: DuckDBConnection,
  asOf: string,
  erpJobId: string | null,
  column: SummedColumn,
): Promise<LineageRows> {
  await ensureLedger(con);
  const rowsSql = `SELECT side, doc_table, doc_id, line_id, source_ref, amount, ${signCase(column)} AS row_sign,
    dated, measure, NULL::VARCHAR AS cost_code, NULL::VARCHAR AS cost_type, erp_job_id
    FROM ledger_wip_rows($as_of::DATE)
    WHERE ($erp_job_id IS NULL OR erp_job_id = $erp_job_id) AND counts AND measure IN (${measureList(column)})`;
  return documents(con, rowsSql, { as_of: asOf, erp_job_id: erpJobId });
}

/** The documents behind one job cost report column of one job as of a date (pmJobId null: not linked). */
export async function jobCostLineageRows(
  con: DuckDBConnection,
  asOf: string,
  job: { erpJobId: string; pmJobId: string | null },
  column: SummedColumn,
): Promise<LineageRows> {
  await ensureJobCostFigures(con);
  const rowsSql = `SELECT side, doc_table, doc_id, line_id, source_ref, amount, ${signCase(column)} AS row_sign,
    counts_from AS dated, measure, cost_code, cost_type, $erp_job_id::VARCHAR AS erp_job_id
    FROM job_cost_figures($pm_job_id::VARCHAR, $erp_job_id::VARCHAR)
    WHERE (counts_from IS NULL OR counts_from <= $as_of::DATE) AND amount IS NOT NULL
      AND measure IN (${measureList(column)})`;
  return documents(con, rowsSql, { as_of: asOf, erp_job_id: job.erpJobId, pm_job_id: job.pmJobId });
}
