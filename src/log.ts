/**
 * Structured logs (pino), one line per event. Secrets are never written: every logged object is walked at any
 * depth and the value of any key named in REDACTED_KEYS (any case, `-`/`_` ignored) is replaced by
 * "[redacted]" — passwords, API/refresh/access tokens, authorization and cookie headers, the CSRF token and its
 * header, connector client secrets and SMTP_URL.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACTED_KEYS = [
  'password',
  'passwordHash',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'clientSecret',
  'clientId',
  'secret',
  'authorization',
  'proxyAuthorization',
  'cookie',
  'setCookie',
  'csrf',
  'csrfToken',
  'xCsrfToken',
  'smtpUrl',
  'auditKey',
  'tieoutAuditKey',
];

const CENSOR = '[redacted]';
const normal = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
const SECRET = new Set(REDACTED_KEYS.map(normal));
const MAX_DEPTH = 12;

/** A copy of `value` with every secret-named key's value censored, at any depth (cycles and depth cut off). */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET.has(normal(k)) ? CENSOR : redactDeep(v, depth + 1, seen);
  }
  return out;
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: { app: 'tieout' },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
