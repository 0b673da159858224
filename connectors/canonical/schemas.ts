/**
 * zod schemas for the canonical tables, derived from tables.ts.
 *
 * Input: the raw cell values of one record (strings; empty string or null means "no value").
 * Output: the canonical row, every value a string (ids, codes, decimal strings, YYYY-MM-DD) or null.
 */
import { z } from 'zod';
import { DateFormatError, parseIsoDate } from './dates.ts';
import { fastValidator } from './fast.ts';
import { MoneyFormatError, parseMoney } from './money.ts';
import { type CanonicalTableName, type ColumnSpec, TABLE_NAMES, TABLES } from './tables.ts';

type Spec = (typeof TABLES)[CanonicalTableName];
type ColumnsOf<T extends CanonicalTableName> = (typeof TABLES)[T]['columns'][number];
type ValueOf<C> = C extends { required: true } ? string : string | null;

/** A validated canonical row of table T. */
export type CanonicalRow<T extends CanonicalTableName> = {
  [C in ColumnsOf<T> as C['name']]: ValueOf<C>;
};

const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

const PERCENT = /^-?\d{1,5}(\.\d{1,4})?$/;

function valueSchema(column: ColumnSpec): z.ZodType<string | null> {
  const kind = column.kind;
  let base: z.ZodType<string, string>;
  switch (kind.type) {
    case 'id':
    case 'code':
      base = z
        .string()
        .transform((s) => s.trim())
        .refine((s) => !/[\r\n]/.test(s), 'must not contain line breaks');
      break;
    case 'text':
      base = z.string().transform((s) => s.trim());
      break;
    case 'money':
      base = z.string().transform((s, ctx) => {
        try {
          return parseMoney(s);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: e instanceof MoneyFormatError ? e.message : String(e) });
          return z.NEVER;
        }
      });
      break;
    case 'percent':
      base = z
        .string()
        .transform((s) => s.trim())
        .refine((s) => PERCENT.test(s), 'expected percentage points with up to 4 decimals, e.g. 10 or 7.5');
      break;
    case 'date':
      base = z.string().transform((s, ctx) => {
        try {
          return parseIsoDate(s);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: e instanceof DateFormatError ? e.message : String(e) });
          return z.NEVER;
        }
      });
      break;
    case 'enum': {
      const allowed = kind.values;
      base = z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .refine((s) => allowed.includes(s), `must be one of: ${allowed.join(', ')}`);
      break;
    }
  }
  if (column.required) {
    return z.preprocess(blankToNull, z.string({ error: 'is required' }).pipe(base)) as z.ZodType<
      string | null
    >;
  }
  return z.preprocess(blankToNull, z.string({ error: 'must be text' }).pipe(base).nullable()) as z.ZodType<
    string | null
  >;
}

function buildSchema(spec: Spec) {
  const shape: Record<string, z.ZodType<string | null>> = {};
  for (const column of spec.columns) shape[column.name] = valueSchema(column);
  return z.object(shape);
}

/** One zod schema per canonical table. */
export const SCHEMAS = Object.fromEntries(
  TABLE_NAMES.map((name) => [name, buildSchema(TABLES[name])]),
) as unknown as {
  [T in CanonicalTableName]: z.ZodType<CanonicalRow<T>>;
};

export interface FieldIssue {
  field: string;
  message: string;
}

export type ValidationResult<T extends CanonicalTableName> =
  | { ok: true; row: CanonicalRow<T> }
  | { ok: false; issues: FieldIssue[] };

/** Validates one record against its canonical table; issues name the field. */
export function validateRow<T extends CanonicalTableName>(
  table: T,
  values: Record<string, unknown>,
): ValidationResult<T> {
  const fast = fastValidator(table)(values);
  if (fast) return { ok: true, row: fast as CanonicalRow<T> };
  const parsed = SCHEMAS[table].safeParse(values);
  if (parsed.success) return { ok: true, row: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(record)',
      message: issue.message,
    })),
  };
}
