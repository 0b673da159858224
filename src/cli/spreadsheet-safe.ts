/**
 * Text cells written to CSV are opened in Excel by the CPA: a job named `=HYPERLINK(…)` would run as a formula.
 * A text cell starting with = + - @ tab or CR gets a leading apostrophe; numbers (a negative difference
 * included) are left as they are.
 */
const NUMBER = /^-?\d+(\.\d+)?$/;

export function spreadsheetSafe(value: unknown): unknown {
  if (typeof value !== 'string' || NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
