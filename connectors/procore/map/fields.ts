/** Field helpers shared by the mappers: one money parser for every amount, errors that name the field. */
import { Dec, MoneyFormatError, parseMoneyLenient } from '../../canonical/money.ts';

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(`field ${field}: ${message} (value ${JSON.stringify(value)})`);
    this.name = 'FieldError';
  }
}

/** Any amount Procore sends: "1087.8", "1087.8000", 1087.8, "$1,087.80". Null when absent. */
export function money(value: unknown, field: string): string | null {
  try {
    return parseMoneyLenient(value);
  } catch (e) {
    throw new FieldError(field, value, e instanceof MoneyFormatError ? e.hint : String(e));
  }
}

export function moneyOrZero(value: unknown, field: string): Dec {
  const m = money(value, field);
  return new Dec(m ?? 0);
}

/** Percentage points as the canonical model keeps them ("10", "5.5"); "10.00%" and 10 are accepted. */
export function percent(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim().replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new FieldError(field, value, 'not a percentage');
  const d = new Dec(text);
  if (!d.eq(d.toDecimalPlaces(4))) throw new FieldError(field, value, 'more than 4 decimals');
  return d.toString();
}

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** Normalised key of a dynamic budget column: "Revised Budget" and "revised_budget" both → revised_budget. */
export function columnKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
