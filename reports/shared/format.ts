/** Display formats for people (PDF, HTML): thousands separators, negatives in parentheses. */
import { Dec } from '../../connectors/canonical/money.ts';
import type { CellKind } from './table.ts';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "-1234567.80" → "(1,234,567.80)"; cents kept, as on a CPA's schedule. */
export function displayMoney(value: string | null, options: { cents?: boolean } = {}): string {
  if (value === null || value === '') return '';
  const negative = value.startsWith('-');
  const [whole = '0', cents = '00'] = value.replace('-', '').split('.');
  const text =
    options.cents === false ? groupThousands(whole) : `${groupThousands(whole)}.${cents.padEnd(2, '0')}`;
  const isZero = /^[0.,]+$/.test(text);
  if (isZero) return options.cents === false ? '-' : '0.00';
  return negative ? `(${text})` : text;
}

/** A fraction "0.7200000000" → "72.0%"; negative in parentheses. */
export function displayRatio(value: string | null, decimals = 1): string {
  if (value === null || value === '') return '';
  const pct = new Dec(value).times(100);
  const text = `${pct.abs().toFixed(decimals, Dec.ROUND_HALF_UP)}%`;
  return pct.isNeg() && !pct.toDecimalPlaces(decimals).isZero() ? `(${text})` : text;
}

export function displayPoints(value: string | null): string {
  if (value === null || value === '') return '';
  const n = new Dec(value);
  const text = `${n.abs().toFixed(1, Dec.ROUND_HALF_UP)} pts`;
  return n.isNeg() && !n.toDecimalPlaces(1).isZero() ? `(${text})` : text;
}

export function displayCell(kind: CellKind, value: string | null): string {
  switch (kind) {
    case 'money':
      return displayMoney(value);
    case 'ratio':
      return displayRatio(value);
    case 'points':
      return displayPoints(value);
    case 'flag':
      return value === 'true' ? 'FADE' : '';
    default:
      return value ?? '';
  }
}
