/**
 * Configuration of the Viewpoint Vista connector. Two ways in, exactly one per entry:
 * - `server` + `database` + `user` + `password`: read-only SQL against the Vista database (production);
 * - `sandbox.dataset`: the same connector against the local sandbox seeded from a canonical dataset folder.
 */
import { z } from 'zod';
import { secretRef } from '../secrets.ts';

/** The application name tieout presents to SQL Server, for a logon trigger's allow-list. */
export const VISTA_APP_NAME = 'tieout-vista';

const costTypeName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'write a cost type in lower case, e.g. "labor"');

export const vistaConfigSchema = z
  .object({
    type: z.literal('vista'),
    /** Host name or address; a named instance as `host\\INSTANCE`. */
    server: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** The Vista database (usually `Viewpoint`). */
    database: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    password: secretRef.optional(),
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
    requestTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
    sandbox: z
      .object({ dataset: z.string().min(1, 'name the dataset folder (ERP side)') })
      .strict()
      .optional(),
    /** The JC company (JCCo); AP, SL, PO, PM and AR are read for the same company number. */
    company: z.number().int().min(1).max(255).default(1),
    /** The AP vendor group of the company (HQCO.VendorGroup). */
    vendorGroup: z.number().int().min(1).max(255).default(1),
    /**
     * Cost type numbers → canonical cost types. Vista numbers cost types per phase group (JCCT); a number
     * not listed here is named by its JCCT description ("Permits" → "permits").
     */
    costTypes: z
      .record(z.string().regex(/^\d{1,3}$/, 'cost type numbers are 1 to 255'), costTypeName)
      .default({ '1': 'labor', '2': 'material', '3': 'subcontract', '4': 'equipment', '5': 'other' }),
    /**
     * A user-defined column (udXxx) holding the other system's (Procore's) id on JCJM, JCCM, APVM, SLHD,
     * POHD, PMOI and APTH, if the company keeps one; without it records are linked by number.
     */
    linkedIdColumn: z
      .string()
      .regex(/^ud[A-Za-z0-9_]{1,28}$/, 'a Vista user-defined column, e.g. "udProcoreID"')
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.server === undefined) === (c.sandbox === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of: server (with database, user, password) or sandbox.dataset',
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

export type VistaConfig = z.infer<typeof vistaConfigSchema>;

export interface VistaMapping {
  company: number;
  vendorGroup: number;
  costTypes: Record<string, string>;
  linkedIdColumn?: string;
}
