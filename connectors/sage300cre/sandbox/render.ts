/**
 * A canonical dataset written into Sage 300 CRE's ODBC tables, for the sandbox. The dataset must be keyed as
 * Sage 300 keys records (a job id is its Job, a commitment "Job/Commitment", an AP invoice
 * "Vendor/Job/Invoice", an AR invoice "Job/Invoice"): `tieout demo generate --profile sage300cre` writes such a
 * folder (erp-canonical). Change orders are not written (tieout reads no Sage 300 change-order table); a job
 * holds one prime contract (its contract amount); a void cost cannot be written (Sage reverses instead).
 */
import { Dec } from '../../canonical/money.ts';
import { type Dataset, DatasetError } from '../../sage100c/sandbox/dataset.ts';

export type Sage300Row = Record<string, string | number | null>;

const STANDARD: Record<string, string> = {
  labor: 'L',
  material: 'M',
  subcontract: 'S',
  equipment: 'E',
  other: 'O',
};
const categoryOf = (type: string | null) => (type === null ? null : (STANDARD[type] ?? type.toUpperCase()));
const SOURCE: Record<string, string> = {
  ap: 'AP cost',
  payroll: 'PR cost',
  equipment: 'EQ cost',
  journal: 'JC cost',
};

export function renderSage300(data: Dataset): Map<string, Sage300Row[]> {
  const t = new Map<string, Sage300Row[]>();
  let rowId = 1;
  const add = (table: string, row: Sage300Row) => {
    const rows = t.get(table) ?? [];
    rows.push(row);
    t.set(table, rows);
  };
  const contracts = new Map(data.prime_contracts.map((c) => [c.job_id, c]));
  const jobStatus: Record<string, string> = { open: 'In Progress', completed: 'Complete', closed: 'Closed' };
  for (const j of data.jobs) {
    add('JCM_MASTER__JOB', {
      Job: j.job_id,
      Description: j.name,
      Status: jobStatus[j.status ?? 'open'] ?? 'In Progress',
      Original_Contract_Amount: contracts.get(j.job_id)?.original_amount ?? null,
      Actual_Start_Date: j.start_date,
      Actual_Completion_Date: j.completion_date,
    });
  }
  for (const c of data.cost_codes) {
    if (c.job_id === null)
      throw new DatasetError(`${c.ref}: Sage 300 CRE keeps cost codes per job; give the cost code a job_id`);
    add('JCM_MASTER__COST_CODE', { Job: c.job_id, Cost_Code: c.code, Description: c.description });
  }
  for (const b of data.budget_lines) {
    add('JCM_MASTER__CATEGORY', {
      Job: b.job_id,
      Cost_Code: b.cost_code,
      Category: categoryOf(b.cost_type),
      Description: b.cost_type,
      Original_Estimate: b.original_budget,
      Approved_Estimate_Changes: b.approved_changes,
      Total_Estimate: b.revised_budget,
      Pending_Estimate_Changes: b.pending_changes,
      Revised_Commitment: b.committed_cost,
      Row_ID: rowId++,
      Row_Version: 1,
    });
  }
  const payables = new Map(data.payables.map((p) => [p.invoice_id, p]));
  for (const c of data.cost_transactions) {
    if (c.status === 'void')
      throw new DatasetError(
        `${c.ref}: Sage 300 CRE job cost has no void status (a cost is reversed by another transaction)`,
      );
    const invoice = c.invoice_id ? payables.get(c.invoice_id) : undefined;
    if (!/^\d{1,15}$/.test(c.transaction_id))
      throw new DatasetError(
        `${c.ref}: transaction id "${c.transaction_id}" is not a Sage 300 Row_ID (an integer)`,
      );
    add('JCT_CURRENT__TRANSACTION', {
      Row_ID: c.transaction_id,
      Row_Version: 1,
      Job: c.job_id,
      Cost_Code: c.cost_code,
      Category: categoryOf(c.cost_type),
      Transaction_Type: SOURCE[c.source ?? 'journal'] ?? 'JC cost',
      Accounting_Date: c.date,
      Transaction_Date: c.date,
      Amount: c.amount,
      Vendor: c.vendor_id,
      Invoice: invoice?.number ?? null,
      Description: c.description,
    });
  }
  for (const v of data.vendors) add('APM_MASTER__VENDOR', { Vendor: v.vendor_id, Name: v.name });
  const commitments = new Map(data.commitments.map((c) => [c.commitment_id, c]));
  for (const c of data.commitments) {
    add('JCM_MASTER__COMMITMENT', {
      Commitment: c.number,
      Vendor: c.vendor_id,
      Job: c.job_id,
      Commitment_Type: c.kind === 'purchase_order' ? 'Purchase order' : 'Subcontract',
      Closed: c.status === 'complete' || c.status === 'closed' ? 'Yes' : 'No',
      Original_Commitment: c.original_amount,
      Approved_Commitment_Changes: c.approved_changes,
      Retainage_Percent: c.retainage_percent,
    });
  }
  for (const l of data.commitment_lines) {
    const c = commitments.get(l.commitment_id);
    if (!c) continue;
    add('JCM_MASTER__COMMITMENT_ITEM', {
      Commitment: c.number,
      Item_Number: l.line_id,
      Job: c.job_id,
      Cost_Code: l.cost_code,
      Category: categoryOf(l.cost_type),
      Amount: l.amount,
    });
  }
  renderPayables(data, add, commitments);
  for (const b of data.billings) {
    add('ART_CURRENT__TRANSACTION', {
      Customer: 'OWNER',
      Transaction_Date: b.period_end,
      Transaction_Type: 'Invoice',
      Amount_Type: 'Work billed',
      Invoice: b.number,
      Contract: b.job_id,
      Job: b.job_id,
      Accounting_Date: b.period_end,
      Amount: b.billed_amount,
      Retainage: b.retainage_held,
    });
  }
  return t;
}

function renderPayables(
  data: Dataset,
  add: (table: string, row: Sage300Row) => void,
  commitments: Map<string, Dataset['commitments'][number]>,
): void {
  const lines = new Map<string, Dataset['payable_lines']>();
  for (const l of data.payable_lines) {
    const list = lines.get(l.invoice_id);
    if (list) list.push(l);
    else lines.set(l.invoice_id, [l]);
  }
  type Header = { row: Sage300Row; seqs: Set<number> };
  const headers = new Map<string, Header>();
  for (const p of data.payables) {
    const key = `${p.vendor_id}|${p.number}`;
    let h = headers.get(key);
    if (!h) {
      h = {
        row: {
          Vendor: p.vendor_id,
          Invoice: p.number,
          Status: p.status === 'paid' ? 'Fully paid' : 'Open',
          Amount: '0.00',
          Retainage: '0.00',
          Retainage_Paid: '0.00',
          Invoice_Date: p.invoice_date,
          Accounting_Date: p.period_end,
        },
        seqs: new Set(),
      };
      headers.set(key, h);
    }
    const sum = (column: string, value: string | null) => {
      h!.row[column] = new Dec(String(h!.row[column])).plus(value ?? 0).toFixed(2);
    };
    sum('Amount', p.gross_amount);
    sum('Retainage', p.retainage_held);
    sum('Retainage_Paid', p.retainage_released);
    const commitment = p.commitment_id ? (commitments.get(p.commitment_id)?.number ?? null) : null;
    const own = lines.get(p.invoice_id) ?? [];
    const rows =
      own.length > 0
        ? own
        : [{ line_id: '1', cost_code: null, cost_type: null, amount: '0.00', retainage_held: null }];
    rows.forEach((l, n) => {
      let seq = Number(l.line_id);
      while (h!.seqs.has(seq)) seq++;
      h!.seqs.add(seq);
      add('APM_MASTER__DISTRIBUTION', {
        Vendor: p.vendor_id,
        Invoice: p.number,
        Dist_Seq: seq,
        Job: p.job_id,
        Cost_Code: l.cost_code,
        Category: categoryOf(l.cost_type),
        Commitment: commitment,
        Amount: l.amount,
        Retainage: l.retainage_held,
        Retainage_Paid: n === 0 ? p.retainage_released : null,
        Status: p.status === 'paid' ? 'Fully paid' : 'Open',
      });
    });
  }
  for (const h of headers.values()) add('APM_MASTER__INVOICE', h.row);
}
