/**
 * Loads the configuration: `--config`, else `TIEOUT_CONFIG`, else `./tieout.config.json`; with none of them the
 * built-in demo. Environment: `TIEOUT_DATA_DIR` (default ./data), `PORT` (default 8787), `SMTP_URL`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import { configSchema, type TieoutConfigFile } from './schema.ts';

export class ConfigError extends TieoutError {
  constructor(message: string, kind: ErrorKind = 'config', code = 'config_invalid') {
    super(kind, code, message);
    this.name = 'ConfigError';
  }
}

export interface RuntimeConfig extends TieoutConfigFile {
  /** Where the configuration came from, or 'demo'. */
  source: string;
  /** Folder relative connector paths resolve against. */
  baseDir: string;
  dataDir: string;
  port: number;
  smtpUrl: string | undefined;
  /** A token Prometheus may present to read /metrics without a user (TIEOUT_METRICS_TOKEN); admins may always. */
  metricsToken: string | undefined;
  isDemo: boolean;
}

const envSchema = z.object({
  TIEOUT_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_URL: z.string().url('SMTP_URL must be a URL such as smtp://user:pass@mail.example.com:587').optional(),
  TIEOUT_METRICS_TOKEN: z
    .string()
    .min(32, 'TIEOUT_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
});

export function readEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatIssues('environment', parsed.error));
  return {
    dataDir: path.resolve(parsed.data.TIEOUT_DATA_DIR ?? 'data'),
    port: parsed.data.PORT ?? 8787,
    smtpUrl: parsed.data.SMTP_URL,
    metricsToken: parsed.data.TIEOUT_METRICS_TOKEN,
  };
}

/** Finds the config file to use, or undefined for the demo. */
export function locateConfig(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = explicit ?? env.TIEOUT_CONFIG;
  if (chosen) {
    const file = path.resolve(chosen);
    if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist`);
    return file;
  }
  const local = path.resolve('tieout.config.json');
  return existsSync(local) ? local : undefined;
}

export function parseConfigText(text: string, source: string): TieoutConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(formatIssues(source, parsed.error));
  return parsed.data;
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const text = readFileSync(file, 'utf8');
  const parsed = parseConfigText(text, file);
  return { ...parsed, ...readEnvironment(env), source: file, baseDir: path.dirname(file), isDemo: false };
}

/** Names each bad key by its path, e.g. `companies[0].settings.tolerances.budget.mismatch.absolute`. */
export function formatIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const where = issue.path.reduce<string>(
      (acc, part) =>
        typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
      '',
    );
    return `  ${where || '(top level)'}: ${issue.message}`;
  });
  return `${source} is invalid:\n${lines.join('\n')}`;
}
