/**
 * Vista rows → canonical records. Keys as Vista keys them: a job is its Job, a prime contract its Contract,
 * a subcontract or purchase order its Job and SL/PO ("2026-015/SC-001"), a change order its Project and
 * ACO (PCO while pending), an AP invoice its APTrans, an AR invoice its ARTrans, a cost its JCCD KeyID.
 */
import { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { SqlRow } from '../sage100c/sql-client.ts';
import { record } from '../sql/streams.ts';
import type { TransactionKey } from './keys.ts';
import {
  type CostTypes,
  changeOrderKind,
  changeOrderStatus,
  commitmentStatus,
  contractStatus,
  costSource,
  costStatus,
  jobStatus,
  monthEnd,
  percentOf,
  vistaDate,
  vistaMoney,
  vistaText,
} from './values.ts';

export function jobRecord(r: SqlRow): SourceRecord {
  const job = vistaText(r.job);
  return record(
    {
      job_id: job,
      linked_id: vistaText(r.linked_id),
      number: job,
      name: vistaText(r.description),
      status: jobStatus(r.job_status),
      start_date: null,
      completion_date: null,
    },
    `JCJM Job ${job}`,
    r,
  );
}

export function primeContractRecord(r: SqlRow): SourceRecord {
  const contract = vistaText(r.contract);
  return record(
    {
      contract_id: contract,
      linked_id: vistaText(r.linked_id),
      job_id: vistaText(r.job),
      number: contract,
      status: contractStatus(r.contract_status),
      original_amount: vistaMoney(r.orig_contract_amt) ?? '0.00',
      executed_date: vistaDate(r.start_date),
    },
    `JCCM Contract ${contract}`,
    r,
  );
}

export function costCodeRecord(r: SqlRow): SourceRecord {
  return record(
    {
      job_id: vistaText(r.job),
      code: vistaText(r.phase),
      linked_id: null,
      description: vistaText(r.description),
    },
    `JCJP Job ${r.job} Phase ${r.phase}`,
    r,
  );
}

export function vendorRecord(r: SqlRow): SourceRecord {
  return record(
    {
      vendor_id: vistaText(r.vendor),
      linked_id: vistaText(r.linked_id),
      name: vistaText(r.name),
      status: String(r.active).toUpperCase() === 'N' ? 'inactive' : 'active',
    },
    `APVM Vendor ${r.vendor}`,
    r,
  );
}

export function budgetRecord(r: SqlRow, types: CostTypes): SourceRecord {
  const original = vistaMoney(r.orig_cost) ?? '0.00';
  return record(
    {
      job_id: vistaText(r.job),
      cost_code: vistaText(r.phase),
      cost_type: types.of(r.phase_group, r.cost_type),
      original_budget: original,
      approved_changes: null,
      revised_budget: vistaMoney(r.curr_est_cost) ?? original,
      pending_changes: null,
      committed_cost: vistaMoney(r.total_cmtd_cost),
      forecast_to_complete: null,
      estimated_cost_at_completion: r.last_proj_date ? vistaMoney(r.proj_cost) : null,
    },
    `JCCH Job ${r.job} Phase ${r.phase} CostType ${r.cost_type}`,
    r,
  );
}

export function costRecord(r: SqlRow, types: CostTypes, invoiceKey: TransactionKey): SourceRecord {
  const type = String(r.trans_type ?? '').toUpperCase();
  return record(
    {
      transaction_id: vistaText(r.key_id),
      job_id: vistaText(r.job),
      date: vistaDate(r.actual_date),
      cost_code: vistaText(r.phase),
      cost_type: types.of(r.phase_group, r.cost_type),
      amount: vistaMoney(r.actual_cost) ?? '0.00',
      source: costSource(type),
      vendor_id: vistaText(r.vendor),
      invoice_id: type === 'AP' ? invoiceKey(r.mth, r.ap_trans) : null,
      status: costStatus(r.reversal_status),
      description: vistaText(r.description),
    },
    `JCCD Mth ${vistaDate(r.mth)} CostTrans ${r.cost_trans} (KeyID ${r.key_id})`,
    r,
  );
}

export function billingRecord(
  r: SqlRow,
  jobOfContract: Map<string, string>,
  billingKey: TransactionKey,
): SourceRecord {
  const contract = vistaText(r.contract);
  return record(
    {
      billing_id: billingKey(r.mth, r.ar_trans),
      linked_id: null,
      job_id: (contract && jobOfContract.get(contract)) ?? contract,
      number: vistaText(r.invoice),
      period_end: monthEnd(r.mth),
      billed_amount: vistaMoney(r.billed) ?? '0.00',
      retainage_held: vistaMoney(r.retainage),
      retainage_released: null,
      status: 'posted',
    },
    `ARTH Mth ${vistaDate(r.mth)} ARTrans ${r.ar_trans}`,
    r,
  );
}

/** A commitment: its header and its items, summed. */
export function commitmentRecords(
  kind: 'subcontract' | 'purchase_order',
  header: SqlRow,
  items: SqlRow[],
  types: CostTypes,
): { commitment: SourceRecord; lines: SourceRecord[] } {
  const table = kind === 'subcontract' ? 'SLHD' : 'POHD';
  const number = vistaText(kind === 'subcontract' ? header.sl : header.po);
  const job = vistaText(header.job);
  const id = `${job}/${number}`;
  let original = new Dec(0);
  let revised = new Dec(0);
  const lines = items.map((i) => {
    original = original.plus(vistaMoney(i.orig_cost) ?? 0);
    const amount = vistaMoney(i.cur_cost) ?? '0.00';
    revised = revised.plus(amount);
    return record(
      {
        commitment_id: id,
        line_id: vistaText(i.item),
        cost_code: vistaText(i.phase),
        cost_type: types.of(i.phase_group, i.cost_type),
        amount,
      },
      `${kind === 'subcontract' ? 'SLIT SL' : 'POIT PO'} ${number} item ${i.item}`,
      i,
    );
  });
  const commitment = record(
    {
      commitment_id: id,
      linked_id: vistaText(header.linked_id),
      job_id: job,
      number,
      kind,
      vendor_id: vistaText(header.vendor),
      status: commitmentStatus(header.status),
      original_amount: original.toFixed(2),
      approved_changes: null,
      revised_amount: revised.toFixed(2),
      // Vista keeps retainage per subcontract item (work completed); a PO has no retainage rate.
      retainage_percent: kind === 'subcontract' && items[0] ? percentOf(items[0].wc_ret_pct) : null,
      executed_date: vistaDate(kind === 'subcontract' ? header.orig_date : header.order_date),
    },
    `${table} ${kind === 'subcontract' ? 'SL' : 'PO'} ${number}`,
    header,
  );
  return { commitment, lines };
}

/** A change order: the PM items of one PCO/ACO and their detail lines. */
export function changeOrderRecords(
  items: SqlRow[],
  lines: SqlRow[],
  types: CostTypes,
): { order: SourceRecord; lines: SourceRecord[] } {
  const first = items[0]!;
  const project = vistaText(first.project);
  const number = vistaText(first.aco) ?? vistaText(first.pco);
  const id = `${project}/${number}`;
  const status = changeOrderStatus(first.status, first.approved);
  const kind = changeOrderKind(first.pco_type);
  let contract = new Dec(0);
  for (const i of items) {
    contract = contract.plus(vistaMoney(status === 'approved' ? i.approved_amt : i.pending_amount) ?? 0);
  }
  let cost = new Dec(0);
  let commitment: string | null = null;
  const lineRecords = lines.map((l, n) => {
    const amount = vistaMoney(l.est_cost) ?? '0.00';
    cost = cost.plus(amount);
    const ref = vistaText(l.subcontract) ?? vistaText(l.po);
    if (ref && !commitment) commitment = `${project}/${ref}`;
    return record(
      {
        change_order_id: id,
        line_id: String(n + 1),
        cost_code: vistaText(l.phase),
        cost_type: types.of(l.phase_group, l.cost_type),
        amount,
      },
      `PMOL Project ${project} ${vistaText(l.aco) ? `ACO ${l.aco}` : `PCO ${l.pco}`} line ${n + 1}`,
      l,
    );
  });
  const order = record(
    {
      change_order_id: id,
      linked_id: vistaText(first.linked_id),
      job_id: project,
      number,
      kind,
      commitment_id: commitment,
      status,
      approved_date:
        status === 'approved' ? (vistaDate(first.approved_date) ?? vistaDate(first.approval_date)) : null,
      contract_amount: kind === 'prime' ? contract.toFixed(2) : null,
      cost_amount: lines.length > 0 ? cost.toFixed(2) : null,
      description: vistaText(first.description),
    },
    `PMOI Project ${project} ${vistaText(first.aco) ? `ACO ${first.aco}` : `PCO ${first.pco}`}`,
    first,
  );
  return { order, lines: lineRecords };
}
