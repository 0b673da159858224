/**
 * Sage 300 CRE rows → canonical records. Keys as the company's books key them: a job is its Job, a prime
 * contract its job, a commitment "Job/Commitment", an AP invoice "Vendor/Job/Invoice" (one invoice spread over
 * two jobs is two payables, one per job), an AR invoice "Job/Invoice", a cost its Row_ID. The Extra (sub job)
 * is rolled into its job: budget lines are summed over extras and a cost code is listed once per job.
 */
import type { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { SqlRow } from '../sage100c/sql-client.ts';
import { record } from '../sql/streams.ts';
import {
  addMoney,
  commitmentKind,
  commitmentStatus,
  costSource,
  dateOf,
  jobStatus,
  money,
  percent,
  s300Date,
  s300Money,
  s300Text,
} from './values.ts';

export type CostTypeOf = (category: unknown) => string | null;

export function categoryReader(categories: Record<string, string>): CostTypeOf {
  const upper = new Map(Object.entries(categories).map(([k, v]) => [k.toUpperCase(), v]));
  return (category) => {
    const code = s300Text(category);
    return code === null ? null : (upper.get(code.toUpperCase()) ?? code.toLowerCase());
  };
}

export function jobRecord(r: SqlRow): SourceRecord {
  const job = s300Text(r.job);
  return record(
    {
      job_id: job,
      linked_id: null,
      number: job,
      name: s300Text(r.description),
      status: jobStatus(r.status),
      start_date: dateOf(r.actual_start, r.revised_start),
      completion_date: dateOf(r.actual_completion),
    },
    `JCM_MASTER__JOB Job ${job}`,
    r,
  );
}

/** The job-level contract: a job with no contract amount (empty or 0) has no prime contract. */
export function primeContractRecord(r: SqlRow): SourceRecord | undefined {
  const amount = s300Money(r.contract_amount);
  if (amount === null || amount.isZero()) return undefined;
  const job = s300Text(r.job);
  return record(
    {
      contract_id: job,
      linked_id: null,
      job_id: job,
      number: job,
      status: 'approved',
      original_amount: money(amount),
      executed_date: null,
    },
    `JCM_MASTER__JOB Job ${job} Original_Contract_Amount`,
    r,
  );
}

export function costCodeRecords(rows: SqlRow[]): SourceRecord[] {
  const seen = new Map<string, SourceRecord>();
  for (const r of rows) {
    const key = `${s300Text(r.job)}|${s300Text(r.cost_code)}`;
    if (seen.has(key)) continue;
    seen.set(
      key,
      record(
        {
          job_id: s300Text(r.job),
          code: s300Text(r.cost_code),
          linked_id: null,
          description: s300Text(r.description),
        },
        `JCM_MASTER__COST_CODE Job ${r.job} Extra ${s300Text(r.extra) ?? '-'} Cost_Code ${r.cost_code}`,
        r,
      ),
    );
  }
  return [...seen.values()];
}

export function vendorRecord(r: SqlRow): SourceRecord {
  return record(
    { vendor_id: s300Text(r.vendor), linked_id: null, name: s300Text(r.name), status: null },
    `APM_MASTER__VENDOR Vendor ${r.vendor}`,
    r,
  );
}

export function budgetRecords(rows: SqlRow[], costType: CostTypeOf): SourceRecord[] {
  type Sums = {
    row: SqlRow;
    extras: number;
    o: Dec | null;
    a: Dec | null;
    t: Dec | null;
    p: Dec | null;
    c: Dec | null;
  };
  const lines = new Map<string, Sums>();
  for (const r of rows) {
    const key = `${s300Text(r.job)}|${s300Text(r.cost_code)}|${costType(r.category)}`;
    const s = lines.get(key) ?? { row: r, extras: 0, o: null, a: null, t: null, p: null, c: null };
    s.extras++;
    s.o = addMoney(s.o, r.original_estimate);
    s.a = addMoney(s.a, r.approved_changes);
    s.t = addMoney(s.t, r.total_estimate);
    s.p = addMoney(s.p, r.pending_changes);
    s.c = addMoney(s.c, r.revised_commitment);
    lines.set(key, s);
  }
  return [...lines.values()].map(({ row, extras, o, a, t, p, c }) =>
    record(
      {
        job_id: s300Text(row.job),
        cost_code: s300Text(row.cost_code),
        cost_type: costType(row.category),
        original_budget: money(o) ?? '0.00',
        approved_changes: money(a),
        revised_budget: money(t) ?? money(o) ?? '0.00',
        pending_changes: money(p),
        committed_cost: money(c),
        forecast_to_complete: null,
        estimated_cost_at_completion: null,
      },
      `JCM_MASTER__CATEGORY Job ${row.job} Cost_Code ${row.cost_code} Category ${row.category}${extras > 1 ? ` (${extras} extras)` : ''}`,
      row,
    ),
  );
}

export function costRecord(r: SqlRow, costType: CostTypeOf): SourceRecord {
  const source = costSource(r.transaction_type);
  const invoice = s300Text(r.invoice);
  const vendor = s300Text(r.vendor);
  return record(
    {
      transaction_id: s300Text(r.row_id),
      job_id: s300Text(r.job),
      date: s300Date(r.transaction_date),
      cost_code: s300Text(r.cost_code),
      cost_type: costType(r.category),
      amount: money(s300Money(r.amount)) ?? '0.00',
      source,
      vendor_id: vendor,
      invoice_id: source === 'ap' && invoice && vendor ? `${vendor}/${s300Text(r.job)}/${invoice}` : null,
      status: 'posted',
      description: s300Text(r.description),
    },
    `JCT_CURRENT__TRANSACTION Row_ID ${r.row_id}`,
    r,
  );
}

export function commitmentRecords(
  header: SqlRow,
  items: SqlRow[],
  costType: CostTypeOf,
): { commitment: SourceRecord; lines: SourceRecord[] } {
  const job = s300Text(header.job);
  const number = s300Text(header.commitment);
  const id = `${job}/${number}`;
  let revised: Dec | null = null;
  const lines = items.map((i) => {
    const amount = s300Money(i.amount);
    revised = addMoney(revised, i.amount);
    return record(
      {
        commitment_id: id,
        line_id: s300Text(i.item_number),
        cost_code: s300Text(i.cost_code),
        cost_type: costType(i.category),
        amount: money(amount) ?? '0.00',
      },
      `JCM_MASTER__COMMITMENT_ITEM Commitment ${number} Item_Number ${i.item_number}`,
      i,
    );
  });
  const total = (revised as Dec | null) ?? s300Money(0)!;
  const changes = s300Money(header.approved_changes);
  const original = s300Money(header.original_commitment) ?? (changes ? total.minus(changes) : total);
  const commitment = record(
    {
      commitment_id: id,
      linked_id: null,
      job_id: job,
      number,
      kind: commitmentKind(header.commitment_type),
      vendor_id: s300Text(header.vendor),
      status: commitmentStatus(header.closed),
      original_amount: money(original),
      approved_changes: money(changes),
      revised_amount: money(total),
      retainage_percent: percent(header.retainage_percent),
      executed_date: null,
    },
    `JCM_MASTER__COMMITMENT Commitment ${number}`,
    header,
  );
  return { commitment, lines };
}
