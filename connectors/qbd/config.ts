/**
 * Configuration of the QuickBooks Desktop connector. QuickBooks is polled, not pulled: the Web Connector on the
 * QuickBooks machine calls tieout's `/qbwc` endpoint on its schedule, and a snapshot reads the company's last
 * complete session. `{"type":"qbd"}` waits for the real Web Connector (register it with `tieout qbd qwc`);
 * `{"type":"qbd","sandbox":{"dataset":"DIR"}}` runs a whole session in-process against a sandbox company
 * rendered from a canonical dataset folder, over SOAP, before each snapshot.
 */
import { z } from 'zod';
import { GL_MAPPED_ROLES, type GlRole } from '../canonical/tables.ts';
import { DEFAULT_MAPPING, type QbdMapping } from './map/mapping.ts';

const names = z.array(z.string().min(1));
type GlRoleLists = Record<GlRole, z.ZodDefault<typeof names>>;

export const qbdConfigSchema = z
  .object({
    type: z.literal('qbd'),
    sandbox: z
      .object({ dataset: z.string().min(1, 'name the dataset folder (ERP side)') })
      .strict()
      .optional(),
    /** The Web Connector's schedule (RunEveryNMinutes in the .qwc file). */
    runEveryMinutes: z.number().int().min(1).max(1440).default(60),
    /** Records a page (MaxReturned) of every iterator. */
    pageSize: z.number().int().min(10).max(5000).default(500),
    /** Days between full sweeps (every record re-read, the copy replaced); incremental sessions in between. */
    fullSweepDays: z.number().int().min(1).max(90).default(7),
    jobNumber: z.enum(['name-prefix', 'name']).default(DEFAULT_MAPPING.jobNumber),
    linkedIdField: z.string().min(1).optional(),
    costTypes: z.enum(['class', 'none']).default(DEFAULT_MAPPING.costTypes),
    classCostTypes: z.record(z.string(), z.string()).default({}),
    retainage: z
      .object({ items: names.default([]), accounts: names.default([]) })
      .strict()
      .default(DEFAULT_MAPPING.retainage),
    subcontracts: z
      .object({ vendorTypes: names.default([]), vendors: names.default([]) })
      .strict()
      .default(DEFAULT_MAPPING.subcontracts),
    sources: z
      .object({
        payrollPayees: names.default([]),
        payrollAccounts: names.default([]),
        equipmentAccounts: names.default([]),
      })
      .strict()
      .default(DEFAULT_MAPPING.sources),
    glAccounts: z
      .object(Object.fromEntries(GL_MAPPED_ROLES.map((r) => [r, names.default([])])) as GlRoleLists)
      .strict()
      .optional(),
  })
  .strict();

export type QbdConfig = z.infer<typeof qbdConfigSchema>;

export function mappingOf(config: QbdConfig): QbdMapping {
  return {
    jobNumber: config.jobNumber,
    linkedIdField: config.linkedIdField,
    costTypes: config.costTypes,
    classCostTypes: config.classCostTypes,
    retainage: config.retainage,
    subcontracts: config.subcontracts,
    sources: config.sources,
    glAccounts: config.glAccounts,
  };
}

/**
 * QuickBooks Online is a different product with no Web Connector; tieout has no way to read it. An entry of
 * this type fails configuration with a message that says so.
 */
export const QBO_MESSAGE =
  'QuickBooks Online has no integration path in tieout: only QuickBooks Desktop (Pro, Premier, Enterprise) can be read, through the QuickBooks Web Connector. If the books are in QuickBooks Desktop, use {"type":"qbd"}; otherwise export them as canonical files ({"type":"files"}).';

export const qboConfigSchema = z
  .object({ type: z.literal('qbo') })
  .passthrough()
  .superRefine((_v, ctx) => {
    ctx.addIssue({ code: 'custom', message: QBO_MESSAGE });
  });
