/**
 * Money and ratios: exact decimals, never JS floats.
 *
 * Inside DuckDB money is DECIMAL(18,2); at every edge (CSV, JSON, API payloads) it is a decimal string such
 * as "1250000.00". Arithmetic in TypeScript goes through `Dec` (decimal.js with 40 significant digits and
 * half-up rounding, the rounding a CPA expects on a schedule).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

/** Largest absolute value DECIMAL(18,2) holds. */
export const MONEY_MAX = new Dec('9999999999999999.99');

export class MoneyFormatError extends Error {
  constructor(
    readonly value: string,
    readonly hint: string,
  ) {
    super(`"${value}" is not a valid amount: ${hint}`);
    this.name = 'MoneyFormatError';
  }
}

const PLAIN_DECIMAL = /^-?(\d+)(\.(\d+))?$/;

/**
 * Parses the canonical money format: an optional minus sign, digits, an optional point and decimals.
 * Returns the normalised string with exactly two decimals ("0.1" → "0.10"). More than two decimals are
 * accepted only when the extra digits are zeros ("12.500" → "12.50"); anything else is refused rather than
 * silently rounded.
 */
export function parseMoney(input: string): string {
  const text = input.trim();
  if (text === '') throw new MoneyFormatError(input, 'it is empty');
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) {
    if (/^-?[\d.]*,[\d,.]*$/.test(text)) {
      throw new MoneyFormatError(
        input,
        'thousands separators are not allowed; write the digits only, e.g. 1234567.89',
      );
    }
    if (/^\(.*\)$/.test(text))
      throw new MoneyFormatError(input, 'write negatives with a minus sign, not parentheses');
    if (/[$€£]/.test(text)) throw new MoneyFormatError(input, 'leave out the currency symbol');
    if (/e/i.test(text)) throw new MoneyFormatError(input, 'exponent notation is not allowed');
    throw new MoneyFormatError(
      input,
      'expected digits with an optional minus sign and decimal point, e.g. -1234.50',
    );
  }
  const decimals = m[3] ?? '';
  if (decimals.length > 2 && /[^0]/.test(decimals.slice(2))) {
    throw new MoneyFormatError(input, 'more than two decimals (cents); round it in the source system first');
  }
  let value = new Dec(text);
  if (value.isZero()) value = new Dec(0); // "-0.00" is zero
  if (value.abs().gt(MONEY_MAX)) throw new MoneyFormatError(input, 'larger than 9999999999999999.99');
  return value.toFixed(2);
}

/**
 * Parses money as it arrives from APIs: a JSON number, a string of any scale ("1087.8", "1087.8000"), or
 * formatted text ("$1,087.80", "(250.00)"). Values that do not fit in cents are rounded half-up only when
 * `roundToCents` is set; otherwise refused. Rejects what it cannot read.
 */
export function parseMoneyLenient(input: unknown, options: { roundToCents?: boolean } = {}): string | null {
  if (input === null || input === undefined || input === '') return null;
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new MoneyFormatError(String(input), 'not a finite number');
    // A JSON number is already a double; its shortest round-trip text is the value the sender meant.
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw new MoneyFormatError(String(input), `expected a number or a string, got ${typeof input}`);
  }
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  text = text.replace(/^\$\s*/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new MoneyFormatError(String(input), 'not an amount');
  }
  let value = new Dec(text);
  if (negative && !value.isZero()) value = value.neg();
  if (!value.eq(value.toDecimalPlaces(2))) {
    if (!options.roundToCents) throw new MoneyFormatError(String(input), 'has fractions of a cent');
    value = value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  }
  if (value.abs().gt(MONEY_MAX)) throw new MoneyFormatError(String(input), 'larger than 9999999999999999.99');
  return value.toFixed(2);
}

/** A decimal string for a ratio (percent complete, margins) with at least six decimals. */
export function formatRatio(value: Dec, decimals = 6): string {
  return value.toFixed(decimals);
}

/** Rounds once, half-up, to cents, and prints the canonical string. */
export function formatMoney(value: Dec): string {
  const text = value.toFixed(2, Dec.ROUND_HALF_UP);
  // A sub-cent negative (a difference of -0.004) rounds to zero: print "0.00", never "-0.00".
  return text === '-0.00' ? '0.00' : text;
}

/** Sums decimal strings exactly. Blank values count as zero. */
export function sumMoney(values: Iterable<string | null | undefined>): Dec {
  let total = new Dec(0);
  for (const v of values) if (v !== null && v !== undefined && v !== '') total = total.plus(v);
  return total;
}
