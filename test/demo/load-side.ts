/** Loads a generated side folder through the files connector, validating every row as the snapshot would. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import { type CanonicalTableName, isCanonicalTable } from '../../connectors/canonical/tables.ts';
import { readCsvTable } from '../../connectors/files/index.ts';

export type Row = Record<string, string | null>;

export interface LoadedSide {
  tables: Partial<Record<CanonicalTableName, Row[]>>;
  invalid: string[];
}

export async function loadSide(dir: string): Promise<LoadedSide> {
  const tables: LoadedSide['tables'] = {};
  const invalid: string[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const table = file.replace(/\.csv$/, '');
    if (!isCanonicalTable(table)) {
      invalid.push(`${file}: not a canonical table`);
      continue;
    }
    const rows: Row[] = [];
    for await (const record of readCsvTable(path.join(dir, file), table)) {
      if (!record.ok) {
        invalid.push(record.reason);
        continue;
      }
      const result = validateRow(table, record.values);
      if (result.ok) rows.push(result.row as Row);
      else invalid.push(`${record.sourceRef}: ${JSON.stringify(result.issues)}`);
    }
    tables[table] = rows;
  }
  return { tables, invalid };
}

/** The rows of one job (by this side's job id) in every job-scoped table, following document ids. */
export function rowsOfJob(side: LoadedSide, jobId: string): Partial<Record<CanonicalTableName, Row[]>> {
  const t = side.tables;
  const byJob = (rows: Row[] | undefined) => (rows ?? []).filter((r) => r.job_id === jobId);
  const payables = byJob(t.payables);
  const commitments = byJob(t.commitments);
  const changeOrders = byJob(t.change_orders);
  const invoiceIds = new Set(payables.map((p) => p.invoice_id));
  const commitmentIds = new Set(commitments.map((c) => c.commitment_id));
  const coIds = new Set(changeOrders.map((c) => c.change_order_id));
  return {
    jobs: byJob(t.jobs),
    budget_lines: byJob(t.budget_lines),
    prime_contracts: byJob(t.prime_contracts),
    change_orders: changeOrders,
    change_order_lines: (t.change_order_lines ?? []).filter((l) => coIds.has(l.change_order_id)),
    commitments,
    commitment_lines: (t.commitment_lines ?? []).filter((l) => commitmentIds.has(l.commitment_id)),
    payables,
    payable_lines: (t.payable_lines ?? []).filter((l) => invoiceIds.has(l.invoice_id)),
    cost_transactions: byJob(t.cost_transactions),
    billings: byJob(t.billings),
    sync_queue: byJob(t.sync_queue),
  };
}
