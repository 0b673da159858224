/**
 * An export profile: a declarative file (JSON) that says which standard reports an ERP exports, how to find
 * their heading rows and skip their total rows, and how each report column becomes a canonical column. It is
 * data, not code: built-in profiles live in connectors/files/profiles/, a customer's own is any JSON file of
 * the same shape. Read direction (export → canonical) and render direction (canonical → export) use the same
 * declaration, so a profile cannot read what it would not write.
 */
import { z } from 'zod';
import { TABLE_NAMES, TABLES } from '../../canonical/tables.ts';

const heading = z.string().min(1, 'a column heading cannot be empty');

/** Where a canonical column's value comes from in one export row. */
export const columnMappingSchema = z.union([
  heading, // shorthand: the heading of the export column, value taken as is
  z
    .object({
      /** The export column's heading; alternatives list other spellings the system prints (any one matches). */
      from: z.union([heading, z.array(heading).min(1)]).optional(),
      /**
       * Several columns joined into one id (e.g. job and subcontract number), with `separator` between; a part
       * given as a list takes the first of those columns that is not empty (e.g. SL or PO).
       */
      join: z
        .array(z.union([heading, z.array(heading).min(1)]))
        .min(2)
        .optional(),
      separator: z.string().min(1).default('/'),
      /** A fixed value for every row (e.g. the kind of commitment a report lists). */
      value: z.string().optional(),
      /** Export values → canonical values (matched without regard to case or surrounding spaces). */
      values: z.record(z.string(), z.string()).optional(),
      /** Canonical value for an export value the `values` table does not list (otherwise such a value is an error). */
      otherwise: z.string().optional(),
      /** Value when the cell is empty. */
      default: z.string().optional(),
      /** The system prints this amount with the opposite sign of tieout's convention. */
      negate: z.boolean().optional(),
      /** The amount is printed unsigned and another column says debit or credit (Intacct TR_TYPE 1 / -1). */
      signFrom: z
        .object({ column: heading, negative: z.array(z.string()).min(1), positive: z.string() })
        .strict()
        .optional(),
      /** A date column holding the first day of an accounting month; the canonical value is the month's last day. */
      month: z.boolean().optional(),
      /** The system's field holds at most this many characters (Spectrum job names 25): render cuts longer text. */
      maxLength: z.number().int().positive().optional(),
      /** A percentage the system stores as a fraction (0.1 = 10 %). */
      fraction: z.boolean().optional(),
      /** For grouped tables: add this column over the rows that collapse into one record (otherwise the first row's value). */
      sum: z.boolean().optional(),
      /** Number the lines of one document in source order (for systems whose reports print no line number). */
      lineNumberWithin: z.string().optional(),
    })
    .strict()
    .refine(
      (m) => [m.from, m.join, m.value, m.lineNumberWithin].filter((x) => x !== undefined).length === 1,
      'give exactly one of "from", "join", "value" or "lineNumberWithin"',
    ),
]);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const rowTest = z
  .object({
    column: heading,
    /** The row counts when the cell matches this regular expression (case-insensitive). */
    matches: z.string().optional(),
    /** The row counts when the cell is one of these values (case-insensitive). */
    in: z.array(z.string()).optional(),
    /** The row counts when the cell is not empty. */
    present: z.boolean().optional(),
  })
  .strict()
  .refine(
    (t) => [t.matches, t.in, t.present].filter((x) => x !== undefined).length === 1,
    'give exactly one of "matches", "in" or "present"',
  );
export type RowTest = z.infer<typeof rowTest>;

export const tableMappingSchema = z
  .object({
    table: z.enum(TABLE_NAMES),
    /** Only rows passing these tests become records of this table (e.g. cost rows, not estimate rows). */
    where: z.array(rowTest).optional(),
    /** Rows are detail rows: those with the same key collapse into one record (a header or a per-month total). */
    group: z.boolean().optional(),
    /** For a table filled from a header's detail rows: the canonical column both share (render joins on it). */
    detailOf: z.string().optional(),
    columns: z.record(z.string(), columnMappingSchema),
  })
  .strict();
export type TableMapping = z.infer<typeof tableMappingSchema>;

export const exportSpecSchema = z
  .object({
    /** The report as the system names it, e.g. "JC Cost Detail by Job" — shown in every message. */
    report: z.string().min(1),
    /** Where in the system a user runs it (menu path or table); for the README and `profile list`. */
    source: z.string().optional(),
    /** File name patterns (`*` and `?`; case-insensitive), .csv or .xlsx. All matching files are read. */
    files: z.array(z.string().min(1)).min(1),
    /** The worksheet of an .xlsx export (default: the first). */
    sheet: z.string().optional(),
    /** Lines printed above the heading row (titles, run date, options); render writes them, read skips them. */
    titleRows: z.array(z.string()).default([]),
    /** Rows that are not records: group headings, subtotals, report totals. */
    skip: z.array(rowTest).default([]),
    /** Render writes a final total row with this label in this column, summing the listed columns. */
    totalRow: z
      .object({ column: heading, label: z.string().min(1), sums: z.array(heading).default([]) })
      .strict()
      .optional(),
    /** Whether the folder must hold this export (otherwise a missing export means no such records). */
    required: z.boolean().default(false),
    tables: z.array(tableMappingSchema).min(1),
  })
  .strict();
export type ExportSpec = z.infer<typeof exportSpecSchema>;

const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YYYY', 'DD/MM/YYYY', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const profileSchema = z
  .object({
    /** Short name used in config: {"type":"files","profile":"vista"}. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    /** The system as people name it. */
    system: z.string().min(1),
    description: z.string().default(''),
    /** Documents the profile follows (help pages, data dictionaries). */
    sources: z.array(z.string()).default([]),
    /** Facts the documentation leaves uncertain, and how the profile accepts each reading. */
    uncertain: z.array(z.string()).default([]),
    formats: z
      .object({
        /** Date formats accepted on read, in order; the first is the one render writes. Excel date cells are always accepted. */
        dates: z.array(z.enum(DATE_FORMATS)).min(1).default(['YYYY-MM-DD']),
        /** Amounts may carry thousands separators ("1,234.50"). */
        thousands: z.boolean().default(false),
        /** Negative amounts may be printed in parentheses ("(1,234.50)"); render prints them so when set. */
        parentheses: z.boolean().default(false),
        /** Amounts may start with a dollar sign. */
        currency: z.boolean().default(false),
      })
      .strict()
      .default({ dates: ['YYYY-MM-DD'], thousands: false, parentheses: false, currency: false }),
    /** Render writes .csv or .xlsx files. */
    renderAs: z.enum(['csv', 'xlsx']).default('csv'),
    /**
     * How the system keys records whose tieout ids it does not keep (used when the demo company's books are
     * written through this profile): a template over canonical columns, `{number}` or `{job.number}/{number}`.
     */
    keys: z.record(z.string(), z.string()).default({}),
    exports: z.array(exportSpecSchema).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    p.exports.forEach((e, ei) => {
      e.tables.forEach((t, ti) => {
        const known = new Set(TABLES[t.table].columns.map((c) => c.name));
        for (const name of Object.keys(t.columns)) {
          if (!known.has(name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['exports', ei, 'tables', ti, 'columns', name],
              message: `${t.table} has no column "${name}"; its columns are ${[...known].join(', ')}`,
            });
          }
        }
        for (const c of TABLES[t.table].columns) {
          if (c.required && !(c.name in t.columns)) {
            ctx.addIssue({
              code: 'custom',
              path: ['exports', ei, 'tables', ti, 'columns'],
              message: `${t.table} needs "${c.name}"; map it from a column of "${e.report}" or give it a value`,
            });
          }
        }
      });
    });
  });
export type Profile = z.infer<typeof profileSchema>;
