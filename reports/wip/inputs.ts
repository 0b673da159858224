/** Reads the per-job WIP inputs from a snapshot's ledger (wip-inputs.sql) as exact decimals. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows } from '../../connectors/canonical/duckdb.ts';
import { Dec } from '../../connectors/canonical/money.ts';
import { ensureLedger } from '../ledger/ledger.ts';
import { loadReportSql } from '../shared/sql.ts';
import type { ContractSide } from './types.ts';

export interface WipJobInputs {
  jobId: string;
  pmJobId: string | null;
  linkCandidates: number;
  jobNumber: string;
  jobName: string;
  status: string;
  startDate: string | null;
  completionDate: string | null;
  contractSide: ContractSide;
  originalContract: Dec;
  approvedChangeOrders: Dec;
  pendingChangeOrders: Dec;
  approvedUndated: number;
  /** Numbers of the approved prime change orders without an approval date (counted in C, with a warning). */
  approvedUndatedNumbers: string | null;
  /** Prime contracts not executed by as-of (pending, "Out for Bid", signed later): never in C. */
  notExecutedContracts: number;
  notExecutedContract: Dec;
  pmEstimateAtCompletion: Dec | null;
  pmLinesWithEstimate: number;
  pmRevisedBudget: Dec | null;
  pmOriginalBudget: Dec | null;
  erpRevisedBudget: Dec | null;
  erpOriginalBudget: Dec | null;
  erpBudgetLines: number;
  costToDate: Dec;
  billedToDate: Dec;
  retainageReceivable: Dec;
}

type Row = Record<string, string | number | null>;

const dec = (v: unknown): Dec => new Dec(v === null || v === undefined ? 0 : String(v));
const decOrNull = (v: unknown): Dec | null => (v === null || v === undefined ? null : new Dec(String(v)));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function readWipInputs(con: DuckDBConnection, asOf: string): Promise<WipJobInputs[]> {
  await ensureLedger(con);
  const rows = await queryRows<Row>(con, loadReportSql(import.meta.url, './wip-inputs.sql'), {
    as_of: asOf,
  });
  return rows.map((r) => ({
    jobId: String(r.job_id),
    pmJobId: str(r.pm_job_id),
    linkCandidates: Number(r.link_candidates ?? 0),
    jobNumber: String(r.job_number),
    jobName: String(r.job_name),
    status: String(r.status),
    startDate: str(r.start_date),
    completionDate: str(r.completion_date),
    contractSide: String(r.contract_side) as ContractSide,
    originalContract: dec(r.original_contract),
    approvedChangeOrders: dec(r.approved_change_orders),
    pendingChangeOrders: dec(r.pending_change_orders),
    approvedUndated: Number(r.approved_undated ?? 0),
    approvedUndatedNumbers: str(r.approved_undated_numbers),
    notExecutedContracts: Number(r.not_executed_contracts ?? 0),
    notExecutedContract: dec(r.not_executed_contract),
    pmEstimateAtCompletion: decOrNull(r.pm_estimate_at_completion),
    pmLinesWithEstimate: Number(r.pm_lines_with_estimate),
    pmRevisedBudget: decOrNull(r.pm_revised_budget),
    pmOriginalBudget: decOrNull(r.pm_original_budget),
    erpRevisedBudget: decOrNull(r.erp_revised_budget),
    erpOriginalBudget: decOrNull(r.erp_original_budget),
    erpBudgetLines: Number(r.erp_budget_lines),
    costToDate: dec(r.cost_to_date),
    billedToDate: dec(r.billed_to_date),
    retainageReceivable: dec(r.retainage_receivable),
  }));
}

export interface GlBalances {
  underBillings: { balance: Dec; accounts: string } | null;
  overBillings: { balance: Dec; accounts: string } | null;
}

export async function readGlBalances(con: DuckDBConnection, asOf: string): Promise<GlBalances> {
  const rows = await queryRows<Row>(con, loadReportSql(import.meta.url, './gl-balances.sql'), {
    as_of: asOf,
  });
  const pick = (role: string) => {
    const r = rows.find((x) => x.role === role);
    return r ? { balance: dec(r.balance), accounts: String(r.account_list) } : null;
  };
  return { underBillings: pick('under_billings'), overBillings: pick('over_billings') };
}

export async function readSnapshotTakenAt(con: DuckDBConnection): Promise<string | null> {
  const row = await queryOne<Row>(con, "SELECT value FROM snapshot_info WHERE key = 'taken_at'");
  return row ? String(row.value) : null;
}
