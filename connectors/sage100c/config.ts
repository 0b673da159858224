/**
 * Configuration of the Sage 100 Contractor connector. Three ways in, exactly one per entry:
 * - `server` + `database` + `user` + `password`: read-only SQL against the company database (production);
 * - `sandbox.dataset`: the same connector against the local sandbox seeded from a canonical dataset folder;
 * - `reportExports.dir`: Sage's own Excel/CSV report exports, for customers who cannot grant SQL access.
 */
import { z } from 'zod';
import { GL_MAPPED_ROLES, type GlRole } from '../canonical/tables.ts';
import { secretRef } from '../secrets.ts';

/** The application name tieout presents to SQL Server; administrators allow-list it in their logon trigger. */
export const SAGE_APP_NAME = 'tieout-sage100c';

const glAccountList = z.array(z.string().regex(/^\d+$/, 'write GL account numbers as digits, e.g. "1290"'));
type GlRoleLists = Record<GlRole, z.ZodDefault<typeof glAccountList>>;

export const sage100cConfigSchema = z
  .object({
    type: z.literal('sage100c'),
    /** Host name or address; a named instance as `host\\INSTANCE` (Sage installs `SAGE100CON`). */
    server: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    database: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    password: secretRef.optional(),
    /** TLS to SQL Server. Sage's bundled instance uses a self-signed certificate: set trustServerCertificate. */
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
    requestTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
    sandbox: z
      .object({ dataset: z.string().min(1, 'name the dataset folder (ERP side)') })
      .strict()
      .optional(),
    reportExports: z
      .object({ dir: z.string().min(1, 'name the folder holding the exports') })
      .strict()
      .optional(),
    /** Job phases: `rollup` adds phases into their job; `split` keeps them as a cost-code prefix "phase-code". */
    phases: z.enum(['rollup', 'split']).default('rollup'),
    /** Cost codes: `trim` prints 1000.000 as "1000" and 9.100 as "9.1"; `keep` prints all three decimals. */
    costCodes: z.enum(['trim', 'keep']).default('trim'),
    /** First month of Sage's fiscal year (period 1), for turning GL periods into month-end dates. */
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
    /** Which GL accounts hold what the WIP ties to; account numbers differ per company. */
    glAccounts: z
      .object(Object.fromEntries(GL_MAPPED_ROLES.map((r) => [r, glAccountList.default([])])) as GlRoleLists)
      .strict()
      .optional(),
    /**
     * Where the company keeps the other system's (Procore's) ids, if anywhere: a user-defined field of jobs,
     * vendors, subcontracts, purchase orders, change orders and invoices. The job's prime contract id is then
     * in the job's other user field.
     */
    linkedIdField: z.enum(['usrdf1', 'usrdf2']).optional(),
    /** Job number people write: the Job# (recnum, Sage's own) or the job's short name. */
    jobNumber: z.enum(['recnum', 'shtnme']).default('recnum'),
    /** User-defined cost types 6–9: by number ("6") or by the company's name for them ("permits"). */
    userCostTypes: z.enum(['number', 'name']).default('number'),
    /** What `lgrbal.balnce` holds for a period: the period's ending balance, or the period's activity. */
    glBalance: z.enum(['ending', 'activity']).default('ending'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ways = [c.server !== undefined, c.sandbox !== undefined, c.reportExports !== undefined];
    if (ways.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          'give exactly one of: server (with database, user, password), sandbox.dataset, or reportExports.dir',
      });
      return;
    }
    if (c.server !== undefined) {
      for (const key of ['database', 'user', 'password'] as const) {
        if (c[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required with server` });
        }
      }
    }
  });

export type Sage100cConfig = z.infer<typeof sage100cConfigSchema>;
export type GlAccountRoles = NonNullable<Sage100cConfig['glAccounts']>;

/** The mapping options every way in shares. */
export interface MappingOptions {
  phases: 'rollup' | 'split';
  costCodes: 'trim' | 'keep';
  fiscalYearStartMonth: number;
  glAccounts?: Partial<GlAccountRoles>;
  glBalance: 'ending' | 'activity';
  linkedIdField?: 'usrdf1' | 'usrdf2';
  jobNumber: 'recnum' | 'shtnme';
  userCostTypes: 'number' | 'name';
  /** Filled by the connector from csttyp when user-defined types are reported by name. */
  costTypeNames?: Map<number, string>;
}
