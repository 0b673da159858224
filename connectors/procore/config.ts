/**
 * Configuration of the Procore connector.
 *
 * Hosts (official-docs/platform_concepts/development_environments.md):
 * - production, and on-demand / monthly sandboxes (they run on production infrastructure with production
 *   OAuth credentials): login https://login.procore.com, API https://api.procore.com
 * - developer sandbox: login https://login-sandbox.procore.com, API https://sandbox.procore.com
 * Each sandbox company has its own company id; tokens are not shared between environments.
 *
 * `{"type":"procore","sandbox":{"dataset":"DIR"}}` instead starts tieout's local Procore imitation in-process,
 * seeded from a canonical dataset folder, and runs the real connector against it over HTTP.
 */
import { z } from 'zod';
import { secretRef } from '../secrets.ts';

export const PROCORE_HOSTS = {
  production: { loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
  developerSandbox: {
    loginBaseUrl: 'https://login-sandbox.procore.com',
    apiBaseUrl: 'https://sandbox.procore.com',
  },
  /** Monthly and on-demand sandboxes use production hosts and production credentials. */
  monthlySandbox: { loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
} as const;

const idString = z
  .union([z.string().regex(/^\d+$/, 'Procore ids are digits'), z.number().int().positive()])
  .transform(String);

const authSchema = z.discriminatedUnion('grant', [
  /** A developer-managed service account: client credentials, no user. */
  z.object({ grant: z.literal('client_credentials') }).strict(),
  /**
   * A user-authorised app: the first refresh token comes from the environment; every refresh returns a new
   * single-use pair, which tieout keeps in its data directory (the environment value is then ignored).
   */
  z.object({ grant: z.literal('authorization_code'), refreshToken: secretRef }).strict(),
]);

const tuningSchema = z
  .object({
    /** Client timeout per call. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Retries per call for 5xx, timeouts, resets and unreadable bodies (429/503 waits are not capped by this). */
    maxRetries: z.number().int().min(0).max(10).default(5),
    baseDelayMs: z.number().int().min(0).default(500),
    maxDelayMs: z.number().int().min(0).default(30_000),
    /** Longest time one call may wait for rate-limit windows (all its 429/503 waits together) before the run gives up. */
    maxRateLimitWaitSeconds: z.number().int().min(0).default(3_900),
    /** How many 429/503 answers one call may wait out before the run gives up. */
    maxRateLimitWaits: z.number().int().min(1).max(1_000).default(30),
    /** Items per page asked for; Procore caps it per endpoint and the connector follows `Link` anyway. */
    perPage: z.number().int().min(1).max(10_000).default(1_000),
    /** Every this many days a run reads everything in full (catches deletions the filters cannot show). */
    fullSweepDays: z.number().int().min(0).default(7),
  })
  .strict();

const liveSchema = z
  .object({
    type: z.literal('procore'),
    loginBaseUrl: z.url().default(PROCORE_HOSTS.production.loginBaseUrl),
    apiBaseUrl: z.url().default(PROCORE_HOSTS.production.apiBaseUrl),
    companyId: idString,
    clientId: secretRef,
    clientSecret: secretRef,
    auth: authSchema.default({ grant: 'client_credentials' }),
    /** "all" projects the account can see, only active ones, or a list of project ids. */
    projects: z.union([z.enum(['all', 'active']), z.array(idString).min(1)]).default('all'),
    /** Budget view whose detail rows become budget_lines (by name); default: the first view. */
    budgetView: z.string().min(1).optional(),
    /** Line item type code → canonical cost type; codes not listed map to themselves (custom cost types). */
    costTypes: z.record(z.string(), z.string().min(1)).default({}),
    tuning: tuningSchema.default(tuningSchema.parse({})),
    /**
     * Procore's webhooks as change signals: the hook's `destination_headers.Authorization` value, which
     * `POST /webhooks/procore` requires of every delivery for this company. Nightly runs then read only the
     * projects events named (connectors/procore/webhooks.ts).
     */
    webhooks: z
      .object({
        authorization: secretRef,
        /**
         * The hook's id in Procore. With it, each run first asks Procore for deliveries it discarded (after
         * 12 hours of failures); any since the last run and the run polls every project instead.
         */
        hookId: idString.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const sandboxSchema = z
  .object({
    type: z.literal('procore'),
    sandbox: z
      .object({
        /** A canonical dataset folder (the PM side of the files format) the sandbox serves as Procore. */
        dataset: z.string().min(1, 'name the dataset folder the sandbox serves'),
        companyId: idString.default('4264807'),
      })
      .strict(),
    projects: z.union([z.enum(['all', 'active']), z.array(idString).min(1)]).default('all'),
    budgetView: z.string().min(1).optional(),
    costTypes: z.record(z.string(), z.string().min(1)).default({}),
    tuning: tuningSchema.default(tuningSchema.parse({})),
  })
  .strict();

export const procoreConfigSchema = z.union([sandboxSchema, liveSchema]);
export type ProcoreConfig = z.infer<typeof procoreConfigSchema>;
export type ProcoreLiveConfig = z.infer<typeof liveSchema>;
export type ProcoreSandboxConfig = z.infer<typeof sandboxSchema>;
export type ProcoreTuning = z.infer<typeof tuningSchema>;
export const defaultTuning = (): ProcoreTuning => tuningSchema.parse({});
