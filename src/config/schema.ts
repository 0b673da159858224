/**
 * The configuration file (`tieout.config.json`), validated with zod at start-up. Secrets are `env:NAME`
 * references resolved when a connector is created. Connector entries are validated by their own factory's
 * schema (connectors/config-schemas.ts: the schemas only, so reading the configuration loads no connector),
 * so a new connector type needs no change here.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { Dec } from '../../connectors/canonical/money.ts';
import { type CanonicalTableName, TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { CONNECTOR_CONFIG_SCHEMAS, CONNECTOR_TYPES } from '../../connectors/config-schemas.ts';

const moneyString = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'write an amount as digits with up to two decimals, e.g. "1.00"');
const ratioString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'write a ratio as a decimal fraction, e.g. "0.01" for 1 %');

export const toleranceSchema = z
  .object({
    /** Differences up to this amount are not findings. */
    absolute: moneyString.default('1.00'),
    /** …nor differences up to this fraction of the larger side (0.01 = 1 %). */
    relative: ratioString.default('0').refine((v) => new Dec(v).lt(1), {
      message:
        'a relative tolerance of 1 (100 %) or more would hide every difference; write a fraction below 1, e.g. "0.01" for 1 %',
    }),
  })
  .strict();

const connectorSchema = z
  .object({ type: z.string({ error: 'name the connector type' }) })
  .passthrough()
  .superRefine((value, ctx) => {
    const configSchema = Object.hasOwn(CONNECTOR_CONFIG_SCHEMAS, value.type)
      ? CONNECTOR_CONFIG_SCHEMAS[value.type]
      : undefined;
    if (!configSchema) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `unknown connector type "${value.type}"; known: ${CONNECTOR_TYPES.join(', ')}`,
      });
      return;
    }
    const parsed = configSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    }
  });

const notExportedList = z
  .array(z.enum(TABLE_NAMES as [CanonicalTableName, ...CanonicalTableName[]]))
  .default([])
  .refine((tables) => !tables.includes('jobs'), 'every side exports jobs; remove "jobs" from the list');

export const costCodeMapEntrySchema = z
  .object({
    pmCode: z.string().min(1),
    pmType: z.string().min(1).optional(),
    erpCode: z.string().min(1),
    erpType: z.string().min(1).optional(),
  })
  .strict();

const multiplier = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'write a multiplier as a decimal, e.g. "10" or "2.5"')
  .refine((v) => new Dec(v).gt(0), 'a multiplier must be above 0');

/** The capacity rules the company's surety applies (shared/reference/domain §4.2). */
export const bondingSettingsSchema = z
  .object({
    /** Single-job limit = working capital × this. */
    singleMultiplier: multiplier.default('10'),
    /** Aggregate limit = single-job limit × this. */
    aggregateMultiplier: multiplier.default('2.5'),
    /** Work on hand, set against the aggregate: cost to complete, or backlog revenue (contract not yet earned). */
    workOnHand: z.enum(['cost_to_complete', 'backlog_revenue']).default('cost_to_complete'),
  })
  .strict();

export const companySettingsSchema = z
  .object({
    /** Where EAC comes from on the WIP: the PM side's estimate at completion, or the ERP revised budget. */
    estimateSource: z.enum(['pm', 'erp']).default('pm'),
    /** First month of the fiscal year (1 = January). */
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
    /** Per check id; checks not named use the default. */
    tolerances: z.record(z.string(), toleranceSchema).default({}),
    defaultTolerance: toleranceSchema.default({ absolute: '1.00', relative: '0' }),
    /** A side older than this is stale: its findings are suppressed and `source.stale` is raised. */
    staleAfterHours: z.number().positive().default(36),
    /** Approval items waiting longer than this many days are reported. */
    approvalStaleDays: z.number().int().positive().default(7),
    /** How many invalid records a side may have before the run fails (they are quarantined). 0 = any fails. */
    maxQuarantinedRows: z.number().int().min(0).default(0),
    /**
     * Canonical tables whose raw source payloads (API JSON, database rows) are not kept in the snapshot's
     * raw_records. Payloads are several times the size of the canonical row, so a company with millions of
     * job-cost rows a night may leave them out for cost_transactions and keep them for the documents.
     */
    rawPayloadsOmitted: z
      .array(z.enum(TABLE_NAMES as [CanonicalTableName, ...CanonicalTableName[]]))
      .default([]),
    /**
     * Canonical tables a side's system does not export at all. A table a side does not deliver otherwise reads as
     * "no records" (a folder without the file), which would make false `*.missing` findings; the checks that need
     * a table listed here are skipped and every run says so. `jobs` cannot be listed: every side has jobs.
     */
    tablesNotExported: z
      .object({ pm: notExportedList, erp: notExportedList })
      .strict()
      .default({ pm: [], erp: [] }),
    bonding: bondingSettingsSchema.default(bondingSettingsSchema.parse({})),
    mappings: z
      .object({
        jobs: z.array(z.object({ pm: z.string().min(1), erp: z.string().min(1) }).strict()).default([]),
        vendors: z.array(z.object({ pm: z.string().min(1), erp: z.string().min(1) }).strict()).default([]),
        costCodes: z.array(costCodeMapEntrySchema).default([]),
      })
      .strict()
      .default({ jobs: [], vendors: [], costCodes: [] }),
  })
  .strict();

const SEVERITIES = ['info', 'warning', 'critical'] as const;
const severity = z.enum(SEVERITIES, { error: 'use info, warning or critical' });

/**
 * Alert emails for the whole installation. Every key is optional; an absent key falls back to its environment
 * variable (TIEOUT_ALERT_MIN_SEVERITY, TIEOUT_PUBLIC_URL, TIEOUT_MAIL_FROM), then to the default.
 */
export const serverAlertsSchema = z
  .object({
    /** Findings below this severity are not emailed (forecast overruns and stale sources always are). */
    minSeverity: severity.optional(),
    /** The address people open tieout at; links in emails start with it. */
    publicUrl: z.url('write the address tieout is reached at, e.g. "https://tieout.acme.com"').optional(),
    /** The sender of alert emails, e.g. "tieout <tieout@acme.com>". */
    mailFrom: z.string().min(3).optional(),
    /** Local hour (company time zone) the approver's digest goes out. */
    digestHour: z.number().int().min(0).max(23).optional(),
  })
  .strict();

/** Alert emails for one company, over the installation's settings. */
export const companyAlertsSchema = z
  .object({
    minSeverity: severity.optional(),
    /** Extra addresses that receive everything, besides the company's users (with `alertRecipients`). */
    recipients: z.array(z.email()).default([]),
    digestHour: z.number().int().min(0).max(23).optional(),
    /** The digest warns about proposals waiting longer than this many days (default: settings.approvalStaleDays). */
    approvalWaitDays: z.number().int().positive().optional(),
  })
  .strict();

export const companySchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'use lowercase letters, digits and dashes (it names a folder), e.g. "acme"',
      ),
    name: z.string().min(1),
    timezone: z
      .string()
      .default('UTC')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not an IANA time zone, e.g. America/Chicago'),
    pm: connectorSchema,
    erp: connectorSchema,
    /** Nightly snapshot time as a cron expression in the company's time zone. */
    schedule: z.string().default('0 2 * * *'),
    retention: z
      .object({ nightly: z.number().int().min(1).default(35) })
      .strict()
      .default({ nightly: 35 }),
    settings: companySettingsSchema.default(companySettingsSchema.parse({})),
    /** Extra alert recipients beyond the company's users. */
    alertRecipients: z.array(z.email()).default([]),
    alerts: companyAlertsSchema.default({ recipients: [] }),
  })
  .strict();

/** An IPv4 or IPv6 address, or a CIDR block of them (`10.0.0.0/8`, `fd00::/8`). */
const addressOrBlock = z.string().refine((v) => {
  const [address, bits, ...rest] = v.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}, 'write an IP address or a CIDR block, e.g. "10.0.0.5" or "10.0.0.0/8"');

/** The HTTP server's own settings (README "Security"). */
export const serverSchema = z
  .object({
    /**
     * Reverse proxies in front of tieout. Only a request whose socket address is one of these has its
     * X-Forwarded-For read; the client is then the right-most address in it that is not a trusted proxy.
     * Empty (the default): X-Forwarded-For is ignored and the socket address is the client.
     */
    trustedProxies: z.array(addressOrBlock).default([]),
    /** API requests allowed per credential (token, or a person's session) per minute. */
    requestsPerMinute: z.number().int().min(1).default(600),
    /** Report renders (PDF, XLSX, CSV, WIP) running at once; more are answered 503 with Retry-After. */
    concurrentRenders: z.number().int().min(1).max(64).default(2),
  })
  .strict();

export const configSchema = z
  .object({
    companies: z
      .array(companySchema)
      .min(1, 'configure at least one company')
      .superRefine((companies, ctx) => {
        const seen = new Set<string>();
        companies.forEach((c, i) => {
          if (seen.has(c.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `company id "${c.id}" is used twice` });
          seen.add(c.id);
        });
      }),
    alerts: serverAlertsSchema.optional(),
    server: serverSchema.optional(),
  })
  .strict();

export type TieoutConfigFile = z.infer<typeof configSchema>;
export type CompanyConfig = z.infer<typeof companySchema>;
export type CompanySettings = z.infer<typeof companySettingsSchema>;
export type ConnectorConfig = CompanyConfig['pm'];
export type Tolerance = z.infer<typeof toleranceSchema>;
export type ServerAlerts = z.infer<typeof serverAlertsSchema>;
export type ServerSettings = z.infer<typeof serverSchema>;

const SERVER_DEFAULTS = serverSchema.parse({});

/** The server settings of a configuration, defaults filled in (the demo and tests configure none). */
export function serverSettings(config: { server?: Partial<ServerSettings> }): ServerSettings {
  return { ...SERVER_DEFAULTS, ...config.server };
}
