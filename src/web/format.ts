/** How pages show numbers: thousands separators, two decimals, negatives in parentheses. */
import { Dec } from '../../connectors/canonical/money.ts';

export function money(value: Dec | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Dec(value);
  const [whole, cents] = d.abs().toFixed(2, Dec.ROUND_HALF_UP).split('.') as [string, string];
  const text = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
  return d.isNegative() && !d.isZero() ? `(${text})` : text;
}

export function percent(value: Dec | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${new Dec(value).times(100).toFixed(1, Dec.ROUND_HALF_UP)}%`;
}

export const isNegative = (value: Dec | string | null | undefined): boolean =>
  value !== null &&
  value !== undefined &&
  value !== '' &&
  new Dec(value).isNegative() &&
  !new Dec(value).isZero();
