/**
 * One cell of an export ↔ one canonical value, as a profile allows: amounts with the separators, parentheses
 * and currency signs the profile permits, dates in its formats, code translations and sign conventions.
 * Parsing throws a CellError saying what the profile expected; the reader turns it into a rejected row
 * naming the file, sheet, row and column.
 */
import { isIsoDate, periodEnd } from '../../canonical/dates.ts';
import { Dec, MONEY_MAX } from '../../canonical/money.ts';
import type { ColumnKind } from '../../canonical/tables.ts';
import type { DateFormat, Profile } from './schema.ts';

export class CellError extends Error {}

type Formats = Profile['formats'];

const DATE_PATTERNS: Record<DateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  'MM/DD/YYYY': /^(?<m>\d{2})\/(?<d>\d{2})\/(?<y>\d{4})$/,
  'M/D/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD/MM/YYYY': /^(?<d>\d{2})\/(?<m>\d{2})\/(?<y>\d{4})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
};

export function parseDate(text: string, formats: Formats): string {
  // Excel date cells arrive as YYYY-MM-DD (possibly with a time part) whatever the profile's text format.
  const excel = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?$/.exec(text);
  if (excel && isIsoDate(excel[1]!)) return excel[1]!;
  for (const f of formats.dates) {
    const g = DATE_PATTERNS[f].exec(text)?.groups;
    if (!g) continue;
    const iso = `${g.y}-${g.m!.padStart(2, '0')}-${g.d!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return iso;
    throw new CellError(`"${text}" is not a day in the calendar (read as ${f})`);
  }
  throw new CellError(`"${text}" is not a date in the profile's format (${formats.dates.join(' or ')})`);
}

export function formatDate(iso: string, formats: Formats): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  switch (formats.dates[0]) {
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
    case 'M/D/YYYY':
      return `${Number(m)}/${Number(d)}/${y}`;
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`;
    case 'YYYYMMDD':
      return `${y}${m}${d}`;
    default:
      return iso;
  }
}

export function parseAmount(text: string, formats: Formats): Dec {
  let t = text.trim();
  let negative = false;
  const allowed = [
    'digits with a decimal point',
    formats.thousands && 'thousands separators',
    formats.parentheses && 'negatives in parentheses',
    formats.currency && 'a $ sign',
  ].filter(Boolean);
  const refuse = (): never => {
    throw new CellError(`"${text}" is not an amount as the profile allows (${allowed.join(', ')})`);
  };
  if (/^\(.*\)$/.test(t)) {
    if (!formats.parentheses) refuse();
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  if (t.startsWith('$')) {
    if (!formats.currency) refuse();
    t = t.slice(1).trim();
  }
  if (t.includes(',')) {
    if (!formats.thousands || !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) refuse();
    t = t.replace(/,/g, '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) refuse();
  let value = new Dec(t);
  if (!value.eq(value.toDecimalPlaces(2))) throw new CellError(`"${text}" has fractions of a cent`);
  if (value.abs().gt(MONEY_MAX)) throw new CellError(`"${text}" is larger than DECIMAL(18,2) holds`);
  if (negative && !value.isZero()) value = value.neg();
  return value;
}

export function formatAmount(value: Dec, formats: Formats): string {
  const abs = value.abs().toFixed(2);
  const digits = formats.thousands ? abs.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : abs;
  if (!value.isNegative() || value.isZero()) return digits;
  return formats.parentheses ? `(${digits})` : `-${digits}`;
}

/** Canonical text for a cell of the given kind (money and percent as plain decimals, dates ISO). */
export function toCanonical(
  text: string,
  kind: ColumnKind,
  formats: Formats,
  opts: { negate?: boolean; month?: boolean; fraction?: boolean },
): string {
  switch (kind.type) {
    case 'money': {
      const v = parseAmount(text, formats);
      return (opts.negate ? v.neg() : v).plus(0).toFixed(2);
    }
    case 'percent': {
      const t = text.trim().replace(/\s*%$/, '');
      if (!/^-?\d+(\.\d+)?$/.test(t)) {
        throw new CellError(
          `"${text}" is not a percentage such as ${opts.fraction ? '0.1 (the system stores fractions)' : '10 or 7.5'}`,
        );
      }
      return (opts.fraction ? new Dec(t).times(100) : new Dec(t)).toString();
    }
    case 'date': {
      const iso = parseDate(text, formats);
      return opts.month ? periodEnd(iso.slice(0, 7)) : iso;
    }
    default:
      return text;
  }
}

/** The export cell for a canonical value (the inverse of toCanonical). */
export function fromCanonical(
  value: string,
  kind: ColumnKind,
  formats: Formats,
  opts: { negate?: boolean; month?: boolean; fraction?: boolean },
): string {
  switch (kind.type) {
    case 'money': {
      const v = new Dec(value);
      return formatAmount(opts.negate ? v.neg() : v, formats);
    }
    case 'percent':
      return opts.fraction ? new Dec(value).div(100).toString() : value;
    case 'date':
      return formatDate(opts.month ? `${value.slice(0, 7)}-01` : value, formats);
    default:
      return value;
  }
}
