/**
 * The alert settings in force for a company: the company's `alerts` block, over the installation's `alerts`
 * block, over the environment variables (kept as fallbacks for deployments configured that way), over the
 * defaults. A bad environment value is refused by name rather than silently replaced.
 */
import { z } from 'zod';
import { ConfigError } from '../config/load.ts';
import type { CompanyConfig, ServerAlerts } from '../config/schema.ts';
import type { Severity } from '../recon/catalogue.ts';

export interface AlertSettings {
  minSeverity: Severity;
  /** Base of the links in emails, without a trailing slash. */
  publicUrl: string;
  mailFrom: string;
  digestHour: number;
  /** Addresses that receive everything besides the company's users. */
  extraRecipients: string[];
  /** The digest warns about proposals waiting longer than this many days. */
  approvalWaitDays: number;
}

export const DEFAULT_MAIL_FROM = 'tieout <tieout@localhost>';
export const DEFAULT_DIGEST_HOUR = 7;

const envSchema = z.object({
  TIEOUT_ALERT_MIN_SEVERITY: z.enum(['info', 'warning', 'critical']).optional(),
  TIEOUT_PUBLIC_URL: z.url().optional(),
  TIEOUT_MAIL_FROM: z.string().min(3).optional(),
  PORT: z.string().optional(),
});

function fromEnvironment(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse({
    TIEOUT_ALERT_MIN_SEVERITY: env.TIEOUT_ALERT_MIN_SEVERITY || undefined,
    TIEOUT_PUBLIC_URL: env.TIEOUT_PUBLIC_URL || undefined,
    TIEOUT_MAIL_FROM: env.TIEOUT_MAIL_FROM || undefined,
    PORT: env.PORT || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(
      `environment variable ${String(issue.path[0])} is invalid: ${issue.message}; set alerts.${envKey(String(issue.path[0]))} in the config file instead, or fix the variable`,
    );
  }
  return parsed.data;
}

const envKey = (name: string) =>
  ({
    TIEOUT_ALERT_MIN_SEVERITY: 'minSeverity',
    TIEOUT_PUBLIC_URL: 'publicUrl',
    TIEOUT_MAIL_FROM: 'mailFrom',
  })[name] ?? name;

export function alertSettings(
  config: { alerts?: ServerAlerts },
  company: Pick<CompanyConfig, 'alertRecipients' | 'alerts' | 'settings'> | null,
  env: NodeJS.ProcessEnv = process.env,
): AlertSettings {
  const e = fromEnvironment(env);
  const server = config.alerts ?? {};
  const own = company?.alerts;
  const extra = [...(company?.alertRecipients ?? []), ...(own?.recipients ?? [])];
  return {
    minSeverity: own?.minSeverity ?? server.minSeverity ?? e.TIEOUT_ALERT_MIN_SEVERITY ?? 'warning',
    publicUrl: (server.publicUrl ?? e.TIEOUT_PUBLIC_URL ?? `http://127.0.0.1:${e.PORT ?? '8787'}`).replace(
      /\/$/,
      '',
    ),
    mailFrom: server.mailFrom ?? e.TIEOUT_MAIL_FROM ?? DEFAULT_MAIL_FROM,
    digestHour: own?.digestHour ?? server.digestHour ?? DEFAULT_DIGEST_HOUR,
    extraRecipients: [...new Set(extra.map((a) => a.toLowerCase()))],
    approvalWaitDays: own?.approvalWaitDays ?? company?.settings?.approvalStaleDays ?? 7,
  };
}
