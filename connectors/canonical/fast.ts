/**
 * A compiled validator per canonical table, derived from the same column declarations as the zod schemas.
 * It accepts exactly what the zod schema accepts and produces the same row (a property test proves it); on
 * anything it is not sure of it returns undefined and the caller asks zod, which explains the problem.
 * It exists because ingest handles millions of cost rows a night and zod alone validates ~220k rows/s.
 */
import { type CanonicalTableName, type ColumnSpec, TABLES } from './tables.ts';

export type Cell = (raw: unknown) => string | null | undefined; // undefined = "not sure, ask zod"

const MONEY_SIMPLE = /^-?(\d{1,16})(?:\.(\d{1,2}))?$/;
/** Already canonical: no leading zeros, exactly two decimals, at most 16 integer digits (so within range). */
const MONEY_CANONICAL = /^-?(?:0|[1-9]\d{0,15})\.\d\d$/;
const PERCENT = /^-?\d{1,5}(\.\d{1,4})?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function money(s: string): string | undefined {
  if (MONEY_CANONICAL.test(s) && s !== '-0.00') return s; // what APIs and databases mostly send
  const m = MONEY_SIMPLE.exec(s);
  if (!m) return undefined;
  let intPart = m[1]!.replace(/^0+(?=\d)/, '');
  const dec = (m[2] ?? '').padEnd(2, '0');
  const negative = s.startsWith('-') && !(/^0+$/.test(intPart) && dec === '00');
  if (intPart === '') intPart = '0';
  if (intPart.length === 16 && `${intPart}.${dec}` > '9999999999999999.99') return undefined;
  return `${negative ? '-' : ''}${intPart}.${dec}`;
}

/** The number written by `length` ASCII digits at `from`, or -1 when any of them is not a digit. */
function digits(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** YYYY-MM-DD, a real calendar day. Years before 100 are left to zod (JS dates read them as 19xx). */
function date(s: string): string | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return undefined;
  if (d <= 28) return s;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = mo === 2 && leap ? 29 : DAYS[mo - 1]!;
  return d <= max ? s : undefined;
}

function cell(column: ColumnSpec): Cell {
  const kind = column.kind;
  let convert: (s: string) => string | undefined;
  switch (kind.type) {
    case 'id':
    case 'code':
      convert = (s) => (/[\r\n]/.test(s) ? undefined : s);
      break;
    case 'text':
      convert = (s) => s;
      break;
    case 'money':
      convert = money;
      break;
    case 'percent':
      convert = (s) => (PERCENT.test(s) ? s : undefined);
      break;
    case 'date':
      convert = date;
      break;
    case 'enum': {
      const allowed = new Set(kind.values);
      convert = (s) => {
        const v = s.toLowerCase();
        return allowed.has(v) ? v : undefined;
      };
      break;
    }
  }
  const required = column.required;
  const blank = required ? undefined : null;
  return (raw) => {
    if (typeof raw !== 'string') return raw === undefined || raw === null ? blank : undefined;
    const s = raw.trim();
    return s === '' ? blank : convert(s);
  };
}

export interface FastColumn {
  name: string;
  kind: ColumnSpec['kind']['type'];
  /** The canonical value, null for blank, or undefined when zod must decide. */
  check: Cell;
}

const columnsCache = new Map<CanonicalTableName, FastColumn[]>();

/** The compiled per-column checks of a table, in declaration order (the snapshot's column order). */
export function fastColumns(table: CanonicalTableName): readonly FastColumn[] {
  let cols = columnsCache.get(table);
  if (!cols) {
    cols = TABLES[table].columns.map((c) => ({ name: c.name, kind: c.kind.type, check: cell(c) }));
    columnsCache.set(table, cols);
  }
  return cols;
}

export type FastValidator = (values: Record<string, unknown>) => Record<string, string | null> | undefined;

const cache = new Map<CanonicalTableName, FastValidator>();

export function fastValidator(table: CanonicalTableName): FastValidator {
  let v = cache.get(table);
  if (v) return v;
  const cols = fastColumns(table);
  v = (values) => {
    const row: Record<string, string | null> = {};
    for (const { name, check } of cols) {
      const out = check(values[name]);
      if (out === undefined) return undefined;
      row[name] = out;
    }
    return row;
  };
  cache.set(table, v);
  return v;
}
