/**
 * Sage rows → canonical records: jobs and their prime contracts, cost codes, vendors, budgets, job cost,
 * owner billings and GL balances. Each function maps one row (or, for budgets, the rows of the table) and
 * names where the record came from ("jobcst recnum 9912"); the raw row travels along for drill-down.
 */
import { Dec } from '../canonical/money.ts';
import type { SourceRecord } from '../contract.ts';
import type { MappingOptions } from './config.ts';
import type { SqlRow } from './sql-client.ts';
import {
  canonicalCostCode,
  costTypeOf,
  invoiceStatus,
  jobCostStatus,
  jobStatus,
  linkedIdOf,
  sageDate,
  sageId,
  sageMoney,
  sageMoneyOrZero,
  sageRetention,
  sageText,
} from './values.ts';

export function record(values: Record<string, unknown>, sourceRef: string, raw: SqlRow): SourceRecord {
  return { ok: true, values, sourceRef, raw };
}

/** The canonical cost code of a row, with its phase in front when phases are kept ("2-1000"). */
export function phasedCode(code: unknown, phase: unknown, options: MappingOptions): string | null {
  const canonical = canonicalCostCode(code, options.costCodes);
  if (canonical === null || options.phases === 'rollup') return canonical;
  const p = sageId(phase);
  return p === null ? canonical : `${p}-${canonical}`;
}

export function jobRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  return record(
    {
      job_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField),
      number: (options.jobNumber === 'shtnme' ? sageText(row.shtnme) : null) ?? sageId(row.recnum),
      name: sageText(row.jobnme),
      status: jobStatus(row.status),
      start_date: sageDate(row.sttdte),
      completion_date: sageDate(row.cmpdte),
    },
    `actrec recnum ${row.recnum}`,
    row,
  );
}

/**
 * Sage holds one prime contract per job (actrec.cntrct). A job without a contract amount or number has no
 * prime contract yet; a bid is pending, a refused bid void.
 */
export function primeContractRecord(row: SqlRow, options: MappingOptions): SourceRecord | undefined {
  const amount = sageMoneyOrZero(row.cntrct);
  const number = sageText(row.connum);
  if (amount === '0.00' && number === null) return undefined;
  const status = Number(row.status);
  return record(
    {
      contract_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField, true),
      job_id: sageId(row.recnum),
      number: number ?? sageId(row.recnum),
      status: status === 1 ? 'pending' : status === 2 ? 'void' : 'approved',
      original_amount: amount,
      executed_date: sageDate(row.ctcdte),
    },
    `actrec recnum ${row.recnum} (contract)`,
    row,
  );
}

export function costCodeRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  return record(
    {
      job_id: null,
      code: canonicalCostCode(row.cstcde, options.costCodes),
      linked_id: null,
      description: sageText(row.cdenme),
    },
    `cstcde recnum ${row.cstcde}`,
    row,
  );
}

export function vendorRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  return record(
    {
      vendor_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField),
      name: sageText(row.vndnme),
      status: null,
    },
    `actpay recnum ${row.recnum}`,
    row,
  );
}

const BUDGET_COLUMNS: [current: string, original: string][] = [
  ['matbdg', 'matorg'],
  ['labbdg', 'laborg'],
  ['eqpbdg', 'eqporg'],
  ['subbdg', 'suborg'],
  ['othbdg', 'othorg'],
  ['usrcs6', 'cs6org'],
  ['usrcs7', 'cs7org'],
  ['usrcs8', 'cs8org'],
  ['usrcs9', 'cs9org'],
];

interface BudgetLine {
  job: string;
  code: string | null;
  type: string;
  original: Dec;
  current: Dec;
  refs: string[];
  raw: SqlRow[];
}

/**
 * Unpivots bdglin's per-cost-type columns into one line per job × cost code × cost type, adding phases
 * (and repeated lines of one code) together unless phases are kept. A cost type whose current and original
 * budgets are both zero has no line.
 */
export class BudgetAccumulator {
  private readonly lines = new Map<string, BudgetLine>();
  constructor(private readonly options: MappingOptions) {}

  add(row: SqlRow): void {
    const job = sageId(row.jobnum) ?? '';
    const code = phasedCode(row.cstcde, row.phsnum, this.options);
    BUDGET_COLUMNS.forEach(([cur, org], i) => {
      const current = new Dec(sageMoneyOrZero(row[cur]));
      const original = new Dec(sageMoneyOrZero(row[org]));
      if (current.isZero() && original.isZero()) return;
      const type = costTypeOf(i + 1, this.options.costTypeNames)!;
      const key = `${job}|${code}|${type}`;
      let line = this.lines.get(key);
      if (!line) {
        line = { job, code, type, original: new Dec(0), current: new Dec(0), refs: [], raw: [] };
        this.lines.set(key, line);
      }
      line.original = line.original.plus(original);
      line.current = line.current.plus(current);
      line.refs.push(`bdglin job ${job} phase ${row.phsnum ?? 0} line ${row.linnum} ${cur}/${org}`);
      line.raw.push(row);
    });
  }

  *records(): Iterable<SourceRecord> {
    for (const line of this.lines.values()) {
      yield {
        ok: true,
        values: {
          job_id: line.job,
          cost_code: line.code,
          cost_type: line.type,
          original_budget: line.original.toFixed(2),
          approved_changes: line.current.minus(line.original).toFixed(2),
          revised_budget: line.current.toFixed(2),
          pending_changes: null,
          committed_cost: null,
          forecast_to_complete: null,
          estimated_cost_at_completion: null,
        },
        sourceRef: line.refs.join('; '),
        raw: line.raw,
      };
    }
  }
}

const SOURCE_BY_NAME = new Map<unknown, string>();

/** Job-cost source by the source table's name; a cost sharing its ledger entry with a payable is AP. */
export function costSource(sourceName: unknown, hasInvoice: boolean): string {
  if (hasInvoice) return 'ap';
  let source = SOURCE_BY_NAME.get(sourceName);
  if (source === undefined) {
    source = sourceOfName(sourceName);
    if (SOURCE_BY_NAME.size < 10_000) SOURCE_BY_NAME.set(sourceName, source);
  }
  return source;
}

function sourceOfName(sourceName: unknown): string {
  const name = String(sourceName ?? '').toLowerCase();
  if (/payable|\bap\b/.test(name)) return 'ap';
  if (/payroll/.test(name)) return 'payroll';
  if (/equip/.test(name)) return 'equipment';
  if (/journal|ledger|\bgl\b/.test(name)) return 'journal';
  return 'direct';
}

export function costRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  const invoice = sageId(row.invoice);
  return record(
    {
      transaction_id: sageId(row.recnum),
      job_id: sageId(row.jobnum),
      date: sageDate(row.trndte),
      cost_code: phasedCode(row.cstcde, row.phsnum, options),
      cost_type: costTypeOf(row.csttyp, options.costTypeNames),
      amount: sageMoney(row.cstamt),
      source: costSource(row.srcnme, invoice !== null),
      vendor_id: sageId(row.vndnum),
      invoice_id: invoice,
      status: jobCostStatus(row.status),
      description: sageText(row.dscrpt),
    },
    `jobcst recnum ${row.recnum}`,
    row,
  );
}

/**
 * An owner billing. A contract invoice (invtyp 1) bills its total less sales tax; retention billed back to
 * the owner is a negative retention. A memo invoice (invtyp 2) adds nothing to billed to date, and is read
 * only when it carries a negative retention: some offices bill a retention release that way.
 */
export function billingRecord(row: SqlRow, options: MappingOptions): SourceRecord {
  const memo = Number(row.invtyp ?? 1) === 2;
  const total = new Dec(sageMoneyOrZero(row.invttl));
  const tax = new Dec(sageMoneyOrZero(row.slstax));
  return record(
    {
      billing_id: sageId(row.recnum),
      linked_id: linkedIdOf(row, options.linkedIdField),
      job_id: sageId(row.jobnum),
      number: sageText(row.invnum),
      period_end: sageDate(row.invdte),
      billed_amount: memo ? '0.00' : total.minus(tax).toFixed(2),
      ...sageRetention(row.retain),
      status: invoiceStatus(row.status),
    },
    `acrinv recnum ${row.recnum}`,
    row,
  );
}
