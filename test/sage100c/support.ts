/**
 * Test helpers: drain a connector into validated canonical rows per table, and state what the files
 * connector's rows of the same dataset look like once they have been through Sage (the documented
 * normalisations in the README section "Sage 100 Contractor").
 */
import { Dec } from '../../connectors/canonical/money.ts';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';
import type { Connector, ReadContext } from '../../connectors/contract.ts';
import { canonicalCostCode } from '../../connectors/sage100c/values.ts';

export type Row = Record<string, string | null | undefined>;
export type Tables = Partial<Record<CanonicalTableName, Row[]>>;

export function readContext(overrides: Partial<ReadContext> = {}): ReadContext {
  return {
    companyId: 'test',
    side: 'erp',
    runStartedAt: new Date('2026-11-01T07:00:00Z'),
    signal: new AbortController().signal,
    previousState: undefined,
    saveState: () => {},
    progress: () => {},
    stats: {},
    log: { info: () => {}, warn: () => {}, error: () => {} },
    ...overrides,
  };
}

/** Reads every stream; invalid records fail the test with their source reference. */
export async function drain(
  connector: Connector,
  ctx = readContext(),
): Promise<Tables & { refs: Map<string, string> }> {
  const out: Tables & { refs: Map<string, string> } = { refs: new Map() };
  for await (const stream of connector.read(ctx)) {
    const rows: Row[] = [];
    for await (const record of stream.records) {
      if (!record.ok) throw new Error(`${record.sourceRef}: ${record.reason}`);
      const result = validateRow(stream.table, record.values);
      if (!result.ok)
        throw new Error(`${stream.table} ${record.sourceRef}: ${JSON.stringify(result.issues)}`);
      const row = result.row as Row;
      rows.push(row);
      out.refs.set(`${stream.table}:${JSON.stringify(row)}`, record.sourceRef);
    }
    out[stream.table] = rows;
  }
  return out;
}

export function sorted(rows: Row[] | undefined): Row[] {
  return [...(rows ?? [])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const posted = (s: string | null | undefined) => (s === 'approved' || s === 'pending' ? 'posted' : s);

/** The files connector's rows as Sage will report them (see the README's normalisation table). */
export function throughSage(files: Tables): Tables {
  const out: Tables = {};
  out.jobs = files.jobs ?? [];
  out.prime_contracts = (files.prime_contracts ?? []).map((c) => ({
    ...c,
    contract_id: c.job_id ?? null,
    status: 'approved',
  }));
  const codes = new Map<string, Row>();
  for (const c of files.cost_codes ?? []) {
    const known = codes.get(c.code!);
    if (!known || (known.description === null && c.description)) {
      codes.set(c.code!, { ...c, job_id: null, linked_id: null });
    }
  }
  out.cost_codes = [...codes.values()];
  out.vendors = (files.vendors ?? []).map((v) => ({ ...v, status: null }));
  out.budget_lines = (files.budget_lines ?? []).map((b) => ({
    ...b,
    approved_changes: new Dec(b.revised_budget!).minus(b.original_budget!).toFixed(2),
    pending_changes: null,
    committed_cost: null,
    forecast_to_complete: null,
    estimated_cost_at_completion: null,
  }));
  const lines = files.change_order_lines ?? [];
  out.change_orders = (files.change_orders ?? []).map((c) => {
    const prime = c.kind === 'prime';
    const own = lines.filter((l) => l.change_order_id === c.change_order_id);
    return {
      ...c,
      approved_date: c.status === 'approved' ? c.approved_date : null,
      contract_amount: prime ? (c.contract_amount ?? '0.00') : null,
      cost_amount:
        prime || own.length === 0
          ? (c.cost_amount ?? '0.00')
          : own.reduce((s, l) => s.plus(l.amount!), new Dec(0)).toFixed(2),
    };
  });
  out.change_order_lines = lines;
  out.commitments = (files.commitments ?? []).map((c) =>
    c.kind === 'purchase_order'
      ? {
          ...c,
          original_amount: c.revised_amount ?? c.original_amount,
          approved_changes: null,
          retainage_percent: null,
        }
      : {
          ...c,
          approved_changes: c.approved_changes ?? '0.00',
          retainage_percent: c.retainage_percent ?? '0',
          status: c.status === 'pending' ? 'draft' : c.status,
        },
  );
  out.commitment_lines = files.commitment_lines ?? [];
  out.payables = (files.payables ?? []).map((p) => ({
    ...p,
    period_end: null,
    ...netRetention(p.retainage_held, p.retainage_released),
    status: p.status === 'approved' ? 'posted' : p.status,
  }));
  out.payable_lines = invoiceLineTotals(files.payable_lines);
  out.cost_transactions = (files.cost_transactions ?? []).map((c) => ({
    ...c,
    status: posted(c.status),
    source: c.invoice_id ? 'ap' : (c.source ?? 'direct'),
  }));
  out.billings = (files.billings ?? []).map((b) => ({
    ...b,
    ...netRetention(b.retainage_held, b.retainage_released),
    status: b.status === 'approved' ? 'posted' : b.status === 'draft' ? 'pending' : b.status,
  }));
  out.gl_balances = files.gl_balances ?? [];
  return out;
}

/** Invoice lines compared as totals per invoice × cost code × cost type (Sage keeps them as job cost). */
export function invoiceLineTotals(rows: Row[] | undefined): Row[] {
  const totals = new Map<string, Row>();
  for (const r of rows ?? []) {
    const key = `${r.invoice_id}|${r.cost_code}|${r.cost_type}`;
    const known = totals.get(key);
    const amount = new Dec(known?.amount ?? 0).plus(r.amount!).toFixed(2);
    totals.set(key, { invoice_id: r.invoice_id, cost_code: r.cost_code, cost_type: r.cost_type, amount });
  }
  return [...totals.values()];
}

/** Dataset ids and codes → the ids and codes the Sage connector reports for them (from the sandbox's render). */
export function translateIds(
  files: Tables,
  ids: Map<CanonicalTableName, Map<string, string>>,
  codes: Map<string, string>,
): Tables {
  const columns: Record<string, CanonicalTableName> = {
    job_id: 'jobs',
    vendor_id: 'vendors',
    commitment_id: 'commitments',
    change_order_id: 'change_orders',
    invoice_id: 'payables',
    transaction_id: 'cost_transactions',
    billing_id: 'billings',
  };
  const out: Tables = {};
  for (const [table, rows] of Object.entries(files) as [CanonicalTableName, Row[]][]) {
    if (!Array.isArray(rows)) continue;
    out[table] = rows.map((r) => {
      const row: Row = { ...r };
      for (const [column, owner] of Object.entries(columns)) {
        const v = row[column];
        if (v) row[column] = ids.get(owner)?.get(v) ?? v;
      }
      for (const column of ['cost_code', 'code']) {
        const v = row[column];
        if (v && table !== 'gl_balances') row[column] = canonicalCostCode(codes.get(v) ?? v, 'trim');
      }
      return row;
    });
  }
  return out;
}

/** Sage keeps one retention figure per invoice: held minus released, positive held, negative released. */
function netRetention(held: string | null | undefined, released: string | null | undefined) {
  const net = new Dec(held ?? 0).minus(released ?? 0);
  return {
    retainage_held: net.isNegative() ? '0.00' : net.toFixed(2),
    retainage_released: net.isNegative() ? net.neg().toFixed(2) : '0.00',
  };
}
