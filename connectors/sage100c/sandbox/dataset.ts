/**
 * Reads a canonical dataset folder (the ERP side in the files format) for the sandbox: every table's rows,
 * validated exactly as a snapshot would validate them, each with the file and line it came from. A bad row
 * stops the seeding with its file, line and fields named.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { validateRow } from '../../canonical/schemas.ts';
import { type CanonicalTableName, TABLE_NAMES } from '../../canonical/tables.ts';
import { readCsvTable } from '../../files/connector.ts';

/** A validated row: required columns are strings, optional ones string or null; `ref` is file:line. */
type Row<Required extends string, Optional extends string> = { [K in Required]: string } & {
  [K in Optional]: string | null;
} & { readonly ref: string };

/**
 * Typed views of the canonical tables the renderer reads. (CanonicalRow<T> widens to an index signature
 * because the column helpers in tables.ts return ColumnSpec with `name: string`.)
 */
export interface Dataset {
  jobs: Row<'job_id' | 'number' | 'name', 'linked_id' | 'status' | 'start_date' | 'completion_date'>[];
  cost_codes: Row<'code', 'job_id' | 'linked_id' | 'description'>[];
  vendors: Row<'vendor_id' | 'name', 'linked_id' | 'status'>[];
  budget_lines: Row<
    'job_id' | 'cost_code' | 'cost_type',
    | 'original_budget'
    | 'approved_changes'
    | 'revised_budget'
    | 'pending_changes'
    | 'committed_cost'
    | 'forecast_to_complete'
    | 'estimated_cost_at_completion'
  >[];
  prime_contracts: Row<
    'contract_id' | 'job_id' | 'original_amount',
    'linked_id' | 'number' | 'status' | 'executed_date'
  >[];
  change_orders: Row<
    'change_order_id' | 'job_id' | 'number',
    | 'linked_id'
    | 'kind'
    | 'commitment_id'
    | 'status'
    | 'approved_date'
    | 'contract_amount'
    | 'cost_amount'
    | 'description'
  >[];
  change_order_lines: Row<'change_order_id' | 'line_id' | 'amount', 'cost_code' | 'cost_type'>[];
  commitments: Row<
    'commitment_id' | 'job_id' | 'number' | 'original_amount',
    | 'linked_id'
    | 'kind'
    | 'vendor_id'
    | 'status'
    | 'approved_changes'
    | 'revised_amount'
    | 'retainage_percent'
    | 'executed_date'
  >[];
  commitment_lines: Row<'commitment_id' | 'line_id' | 'amount', 'cost_code' | 'cost_type'>[];
  payables: Row<
    'invoice_id' | 'job_id' | 'number' | 'gross_amount',
    | 'linked_id'
    | 'vendor_id'
    | 'commitment_id'
    | 'invoice_date'
    | 'period_end'
    | 'status'
    | 'retainage_held'
    | 'retainage_released'
    | 'net_amount'
  >[];
  payable_lines: Row<'invoice_id' | 'line_id' | 'amount', 'cost_code' | 'cost_type' | 'retainage_held'>[];
  cost_transactions: Row<
    'transaction_id' | 'job_id' | 'date' | 'cost_code' | 'cost_type' | 'amount',
    'source' | 'vendor_id' | 'invoice_id' | 'status' | 'description'
  >[];
  billings: Row<
    'billing_id' | 'job_id' | 'number' | 'period_end' | 'billed_amount',
    'linked_id' | 'retainage_held' | 'retainage_released' | 'status'
  >[];
  sync_queue: Row<
    'item_id' | 'submitted_date',
    'job_id' | 'item_type' | 'record_id' | 'item_number' | 'status' | 'approver' | 'message'
  >[];
  gl_balances: Row<'account' | 'as_of' | 'balance', 'role'>[];
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

export async function readDataset(dir: string): Promise<Dataset> {
  const dataset = {} as Record<CanonicalTableName, unknown[]>;
  for (const table of TABLE_NAMES) {
    const rows: unknown[] = [];
    dataset[table] = rows;
    const file = path.join(dir, `${table}.csv`);
    try {
      await access(file);
    } catch {
      if (table === 'jobs') throw new DatasetError(`${file} is missing: a dataset needs at least jobs.csv`);
      continue;
    }
    for await (const record of readCsvTable(file, table)) {
      if (!record.ok) throw new DatasetError(record.reason);
      const result = validateRow(table, record.values);
      if (!result.ok) {
        const issues = result.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
        throw new DatasetError(`${record.sourceRef}: ${issues}`);
      }
      rows.push({ ...result.row, ref: record.sourceRef });
    }
  }
  return dataset as unknown as Dataset;
}
