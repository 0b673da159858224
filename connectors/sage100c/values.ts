/**
 * Sage 100 Contractor values → canonical values: keys, cost codes, cost types, money, dates and the status
 * enumerations (reference/sage100contractor/enumerations.csv, Sage 100 Contractor help v20.5).
 */
import { Dec } from '../canonical/money.ts';

/** A key (recnum, jobnum, vndnum…) as a canonical id; 0 and null mean "none" in Sage. */
export function sageId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' || text === '0' ? null : text;
}

export function sageText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Money as the .sql files deliver it: a decimal string (CAST AS VARCHAR). A JS number would mean a query
 * forgot its cast; it is refused rather than trusted.
 */
const CENTS = /^-?\d{1,16}\.\d{2}$/;
const MILLS = /^\d{1,12}\.\d{3}$/;

export function sageMoney(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string')
    throw new TypeError(`money arrived as ${typeof value}; cast it in the .sql file`);
  if (CENTS.test(value)) return value === '-0.00' ? '0.00' : value; // a DECIMAL(p,2) cast is already canonical
  return value.trim() === '' ? null : new Dec(value).toFixed(2);
}

/** Money that Sage stores as 0 when absent (line amounts, totals): 0 stays "0.00". */
export function sageMoneyOrZero(value: unknown): string {
  return sageMoney(value) ?? '0.00';
}

/**
 * Sage keeps one retention figure per invoice (`acpinv.retain`, `acrinv.retain`): positive is retention
 * held, negative is retention billed back (released). An invoice that holds on new work and releases in the
 * same entry shows only the net.
 */
export function sageRetention(value: unknown): { retainage_held: string; retainage_released: string } {
  const retain = new Dec(sageMoneyOrZero(value));
  return {
    retainage_held: retain.isNegative() ? '0.00' : retain.toFixed(2),
    retainage_released: retain.isNegative() ? retain.neg().toFixed(2) : '0.00',
  };
}

/** Formatting a Date costs more than reading a row; job cost repeats a few hundred days. */
const DAY_TEXT = new Map<number, string>();

/** A DATE or DATETIME (JS Date from the driver, or text) → YYYY-MM-DD; Sage's empty dates are null. */
export function sageDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return null;
    let text = DAY_TEXT.get(time);
    if (text === undefined) {
      text = value.toISOString().slice(0, 10);
      if (DAY_TEXT.size < 100_000) DAY_TEXT.set(time, text);
    }
    return text;
  }
  const text = String(value).trim();
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return m ? m[1]! : null;
}

/**
 * The canonical cost code for a Sage cost code (decimal(15,3), e.g. 1000.000 or 9.100). Rule `trim` drops
 * trailing zeros of the fraction and a bare point: 1000.000 → "1000", 9.100 → "9.1", 12.345 → "12.345".
 * Rule `keep` prints all three decimals: "1000.000". The original stays in the record's raw payload.
 */
const CODE_TEXT = { trim: new Map<string, string | null>(), keep: new Map<string, string | null>() };

export function canonicalCostCode(value: unknown, rule: 'trim' | 'keep'): string | null {
  if (value === null || value === undefined) return null;
  // A company has a few thousand cost codes and job cost repeats them a million times.
  if (typeof value === 'string') {
    const cache = CODE_TEXT[rule];
    let code = cache.get(value);
    if (code === undefined) {
      code = costCodeText(value, rule);
      if (cache.size < 100_000) cache.set(value, code);
    }
    return code;
  }
  return costCodeText(String(value), rule);
}

function costCodeText(value: string, rule: 'trim' | 'keep'): string | null {
  const text = value.trim();
  if (text === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const fixed = MILLS.test(text) ? text : new Dec(text).toFixed(3); // a decimal(15,3) cast is already fixed
  return rule === 'keep' ? fixed : fixed.replace(/\.?0+$/, '');
}

/** Sage cost types 1–5 are the standard ones; 6–9 are user-defined and keep their number ("6"). */
export const SAGE_COST_TYPES: Record<number, string> = {
  1: 'material',
  2: 'labor',
  3: 'equipment',
  4: 'subcontract',
  5: 'other',
};

export function canonicalCostType(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) return null;
  return SAGE_COST_TYPES[n] ?? String(n);
}

/** A cost type under the company's options: user-defined types by number, or by their csttyp name. */
export function costTypeOf(value: unknown, names?: Map<number, string>): string | null {
  const type = canonicalCostType(value);
  if (names === undefined || type === null || !/^[6-9]$/.test(type)) return type;
  return names.get(Number(type)) ?? type;
}

/** The other system's id kept in a user-defined field, when the company keeps it there. */
export function linkedIdOf(
  row: Record<string, unknown>,
  field: 'usrdf1' | 'usrdf2' | undefined,
  other = false,
): string | null {
  if (field === undefined) return null;
  const use = other ? (field === 'usrdf1' ? 'usrdf2' : 'usrdf1') : field;
  return sageText(row[use]);
}

export function sageCostTypeNumber(costType: string): number | undefined {
  for (const [n, name] of Object.entries(SAGE_COST_TYPES)) if (name === costType) return Number(n);
  return /^[6-9]$/.test(costType) ? Number(costType) : undefined;
}

/** actrec.status: 1 Bid, 2 Refused, 3 Contract, 4 Current, 5 Complete, 6 Closed. */
export function jobStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
    case 3:
    case 4:
      return 'open';
    case 5:
      return 'completed';
    case 2:
    case 6:
      return 'closed';
    default:
      return null;
  }
}

/** prmchg.status and sbcgln.chgsts: 1 Approved, 2 Open, 3 Review, 4 Disputed, 5 Void, 6 Rejected. */
export function changeOrderStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
      return 'approved';
    case 2:
    case 3:
    case 4:
      return 'pending';
    case 5:
      return 'void';
    case 6:
      return 'rejected';
    default:
      return null;
  }
}

/** subcon.status: 1 Bid, 2 Refused, 3 Contract, 4 Current, 5 Complete, 6 Closed. */
export function subcontractStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
      return 'draft';
    case 2:
      return 'void';
    case 3:
    case 4:
      return 'approved';
    case 5:
    case 6:
      return 'complete';
    default:
      return null;
  }
}

/** pchord.status: 1 Open (approved), 2 Review, 3 Dispute, 4 Closed, 5 Void, 6 Master (a template). */
export function purchaseOrderStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
      return 'approved';
    case 2:
    case 3:
      return 'pending';
    case 4:
      return 'complete';
    case 5:
      return 'void';
    case 6:
      return 'draft';
    default:
      return null;
  }
}

/** acpinv.status and acrinv.status: 1 Open (posted), 2 Review, 3 Dispute, 4 Paid, 5 Void. */
export function invoiceStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
      return 'posted';
    case 2:
    case 3:
      return 'pending';
    case 4:
      return 'paid';
    case 5:
      return 'void';
    default:
      return null;
  }
}

/** jobcst.status: 1 posted, 2 void. */
export function jobCostStatus(status: unknown): string | null {
  switch (Number(status)) {
    case 1:
      return 'posted';
    case 2:
      return 'void';
    default:
      return null;
  }
}

/** A rate such as subcon.rtnrte (10.0000) in percentage points, trailing zeros dropped: "10", "7.5". */
export function sagePercent(value: unknown): string | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  return new Dec(String(value)).toFixed(4).replace(/\.?0+$/, '');
}
