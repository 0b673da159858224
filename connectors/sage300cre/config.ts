/**
 * Configuration of the Sage 300 CRE connector. Two ways in, exactly one per entry:
 * - `dsn` (with `user`, `password`) or `connectionString`: the "Timberline Data" ODBC driver, one company
 *   data folder per connection (production);
 * - `sandbox.dataset`: the same connector against the local sandbox seeded from a canonical dataset folder.
 */
import { z } from 'zod';
import { secretRef } from '../secrets.ts';

const costTypeName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'write a cost type in lower case, e.g. "labor"');

export const sage300creConfigSchema = z
  .object({
    type: z.literal('sage300cre'),
    /** An ODBC data source set up for the company folder with the Timberline Data driver. */
    dsn: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    password: secretRef.optional(),
    /**
     * A whole ODBC connection string instead of a DSN, e.g. `DRIVER={Timberline Data};DBQ=<company
     * folder>;…`; it carries the password, so it is given as an env: reference.
     */
    connectionString: secretRef.optional(),
    sandbox: z
      .object({ dataset: z.string().min(1, 'name the dataset folder (ERP side)') })
      .strict()
      .optional(),
    /**
     * Category codes → canonical cost types. Categories are each company's own codes; the default reads the
     * usual L, M, S, E, O and 1–5 in Sage 100 order. Any other code is kept, lower-cased, as a custom type.
     */
    categories: z.record(z.string().min(1).max(10), costTypeName).default({
      L: 'labor',
      M: 'material',
      S: 'subcontract',
      E: 'equipment',
      O: 'other',
      '1': 'material',
      '2': 'labor',
      '3': 'equipment',
      '4': 'subcontract',
      '5': 'other',
    }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ways = [c.dsn !== undefined, c.connectionString !== undefined, c.sandbox !== undefined];
    if (ways.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of: dsn (with user and password), connectionString, or sandbox.dataset',
      });
    }
  });

export type Sage300creConfig = z.infer<typeof sage300creConfigSchema>;

/**
 * The connection string for a DSN, with the driver options seen in public scripts against Timberline Data
 * (full column names, no dictionary mode, wide rows).
 */
export function dsnConnectionString(dsn: string, user?: string, password?: string): string {
  const parts = [
    `DSN=${dsn}`,
    'DatabaseType=1',
    'DictionaryMode=0',
    'MaxColSupport=1536',
    'ShortenNames=0',
    'StandardMode=1',
  ];
  if (user) parts.push(`UID=${user}`);
  if (password) parts.push(`PWD=${password}`);
  return parts.join(';');
}
