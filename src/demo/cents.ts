/**
 * Money inside the generator is integer cents as bigint: exact, fast enough for millions of rows, and
 * printed once at the edge as the canonical decimal string ("1250000.00").
 */

export type Cents = bigint;

export function dollars(amount: number): Cents {
  if (!Number.isInteger(amount)) throw new Error(`dollars() takes whole dollars, got ${amount}`);
  return BigInt(amount) * 100n;
}

/** The canonical money string: optional minus, digits, two decimals. */
export function formatCents(value: Cents): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** value × ratio rounded half-up to cents; ratio is a plain number (a share or a factor, never money). */
export function scale(value: Cents, ratio: number): Cents {
  const ppm = BigInt(Math.round(ratio * 1_000_000));
  return divideHalfUp(value * ppm, 1_000_000n);
}

/** value × percent ÷ 100, half-up, with percent in percentage points ("10" = 10 %). */
export function percentOf(value: Cents, percent: string): Cents {
  const [whole = '0', frac = ''] = percent.split('.');
  const basis = BigInt(whole) * 10_000n + BigInt(`${frac}0000`.slice(0, 4));
  return divideHalfUp(value * basis, 1_000_000n);
}

export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** Rounds to a whole number of `step` cents (e.g. 10000n = $100), half-up. */
export function roundTo(value: Cents, step: Cents): Cents {
  return divideHalfUp(value, step) * step;
}

export const maxCents = (a: Cents, b: Cents): Cents => (a > b ? a : b);

export function sum(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/**
 * Splits `total` over `weights` so the parts add up exactly to the total (largest-remainder on the last
 * part): invoice lines spread over a schedule of values, a month's cost over its entries.
 */
export function splitByWeights(total: Cents, weights: readonly Cents[]): Cents[] {
  const weightSum = sum(weights);
  if (weightSum === 0n) return weights.map((_, i) => (i === weights.length - 1 ? total : 0n));
  const parts = weights.map((w) => (total * w) / weightSum);
  const rest = total - sum(parts);
  if (parts.length > 0) parts[parts.length - 1]! += rest;
  return parts;
}
