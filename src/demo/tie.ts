/**
 * A test oracle: it restates rules of the ledger (reports/ledger) on purpose, apart from it, so the demo's
 * planted truth and tieout's findings can be held to each other; independent golden cases pin each rule.
 *
 * The totals both systems should agree on for one job, computed from canonical rows the way DESIGN §5
 * compares them: revised budget and job-to-date cost per cost code × cost type, retainage held per
 * commitment, and the PM's estimate at completion against its revised budget. ERP cost codes are brought to
 * the PM's codes through the company cost-code map, then compared digits-only without leading zeros
 * (Sage writes 3300 for 03-300). The generator uses this to list a planted case's consequences; the tests
 * use it on the CSVs to prove clean jobs tie to the cent.
 */
import { Dec } from '../../connectors/canonical/money.ts';
import type { Side } from '../../connectors/canonical/tables.ts';

type Row = Record<string, string | null>;
export interface JobSideRows {
  budget_lines?: Row[];
  cost_transactions?: Row[];
  payables?: Row[];
  payable_lines?: Row[];
  commitments?: Row[];
  cost_codes?: Row[];
  commitment_lines?: Row[];
  change_order_lines?: Row[];
}

export interface CodeMapEntry {
  pmCode: string;
  erpCode: string;
}

export interface LineTotal {
  /** The code as this side writes it. */
  code: string;
  type: string;
  amount: Dec;
}

export interface JobTotals {
  revisedBudget: Map<string, LineTotal>;
  jobToDate: Map<string, LineTotal>;
  /** PM only: estimated cost at completion per line. */
  estimateAtCompletion: Map<string, LineTotal>;
  /** Retainage still held (held − released) per invoice number, with its commitment (first copy only). */
  retainageByInvoice: Map<string, { commitment: string; held: Dec }>;
  /** Retainage still held per commitment number over every counted invoice (duplicates included). */
  retainageByCommitment: Map<string, Dec>;
  /** Normalised codes this side knows on the job (its code list and every code it uses). */
  knownCodes: Set<string>;
}

const COUNTED_COST = new Set(['approved', 'posted']);
const CENTS = /^-?\d+\.\d\d$/;
const COUNTED_INVOICE = new Set(['approved', 'posted', 'paid']);

export function normaliseCode(code: string, side: Side, map: readonly CodeMapEntry[]): string {
  const mapped = side === 'erp' ? (map.find((m) => m.erpCode === code)?.pmCode ?? code) : code;
  return mapped
    .replace(/[^0-9A-Za-z]/g, '')
    .replace(/^0+(?=.)/, '')
    .toUpperCase();
}

export function jobTotals(side: Side, rows: JobSideRows, map: readonly CodeMapEntry[]): JobTotals {
  // A job uses a few dozen codes over thousands of rows: normalise each code once.
  const normalised = new Map<string, string>();
  const norm = (code: string) => {
    let n = normalised.get(code);
    if (n === undefined) {
      n = normaliseCode(code, side, map);
      normalised.set(code, n);
    }
    return n;
  };
  const key = (code: string, type: string) => `${norm(code)}|${type}`;
  const add = (
    m: Map<string, LineTotal>,
    code: string | null | undefined,
    type: string | null | undefined,
    amount: string | null | undefined,
  ) => {
    if (!code || !type || amount === null || amount === undefined) return;
    const k = key(code, type);
    let sums = running.get(m);
    if (!sums) {
      sums = new Map();
      running.set(m, sums);
    }
    let line = sums.get(k);
    if (!line) {
      line = { code, type, cents: 0n, other: null };
      sums.set(k, line);
    }
    // Canonical money (two decimals) adds as integer cents; anything else exactly, as a decimal.
    if (CENTS.test(amount)) line.cents += BigInt(amount.replace('.', ''));
    else line.other = (line.other ?? new Dec(0)).plus(amount);
  };
  const running = new Map<
    Map<string, LineTotal>,
    Map<string, { code: string; type: string; cents: bigint; other: Dec | null }>
  >();
  const totals: JobTotals = {
    revisedBudget: new Map(),
    jobToDate: new Map(),
    estimateAtCompletion: new Map(),
    retainageByInvoice: new Map(),
    retainageByCommitment: new Map(),
    knownCodes: new Set(),
  };
  for (const b of rows.budget_lines ?? []) {
    add(totals.revisedBudget, b.cost_code!, b.cost_type!, b.revised_budget ?? '0');
    if (b.estimated_cost_at_completion !== null && b.estimated_cost_at_completion !== undefined)
      add(totals.estimateAtCompletion, b.cost_code!, b.cost_type!, b.estimated_cost_at_completion);
  }
  for (const t of rows.cost_transactions ?? [])
    if (COUNTED_COST.has(t.status ?? 'posted')) add(totals.jobToDate, t.cost_code!, t.cost_type!, t.amount!);
  const commitmentNumber = new Map((rows.commitments ?? []).map((c) => [c.commitment_id!, c.number!]));
  const counted = new Set<string>();
  for (const p of rows.payables ?? []) {
    if (!COUNTED_INVOICE.has(p.status ?? '')) continue;
    counted.add(p.invoice_id!);
    const number = p.commitment_id ? commitmentNumber.get(p.commitment_id) : undefined;
    if (number === undefined) continue;
    const held = new Dec(p.retainage_held ?? 0).minus(p.retainage_released ?? 0);
    totals.retainageByCommitment.set(
      number,
      (totals.retainageByCommitment.get(number) ?? new Dec(0)).plus(held),
    );
    if (!totals.retainageByInvoice.has(p.number!))
      totals.retainageByInvoice.set(p.number!, { commitment: number, held });
  }
  // Procore counts approved subcontractor invoices as job cost; the ERP already has them as AP job cost.
  if (side === 'pm')
    for (const l of rows.payable_lines ?? [])
      if (counted.has(l.invoice_id!)) add(totals.jobToDate, l.cost_code, l.cost_type, l.amount);
  const tables = [
    'cost_codes',
    'budget_lines',
    'cost_transactions',
    'payable_lines',
    'commitment_lines',
    'change_order_lines',
  ] as const;
  for (const table of tables)
    for (const r of rows[table] ?? []) {
      const code = table === 'cost_codes' ? r.code : r.cost_code;
      if (code) totals.knownCodes.add(norm(code));
    }
  for (const [m, sums] of running)
    for (const [k, line] of sums) {
      const amount = new Dec(line.cents.toString()).div(100);
      m.set(k, { code: line.code, type: line.type, amount: line.other ? amount.plus(line.other) : amount });
    }
  return totals;
}

export interface LineDifference {
  key: string;
  code: string;
  type: string;
  pm: Dec;
  erp: Dec;
}

/** Lines where the two sides differ by more than the tolerance (a line missing on one side counts as 0). */
export function lineDifferences(
  pm: Map<string, LineTotal>,
  erp: Map<string, LineTotal>,
  tolerance: Dec,
): LineDifference[] {
  const keys = [...new Set([...pm.keys(), ...erp.keys()])].sort();
  return keys.flatMap((k) => {
    const a = pm.get(k);
    const b = erp.get(k);
    const pmAmount = a?.amount ?? new Dec(0);
    const erpAmount = b?.amount ?? new Dec(0);
    if (pmAmount.minus(erpAmount).abs().lte(tolerance)) return [];
    return [{ key: k, code: a?.code ?? b!.code, type: a?.type ?? b!.type, pm: pmAmount, erp: erpAmount }];
  });
}
