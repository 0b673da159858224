/**
 * Errors as values with codes, mapped once to HTTP status. Bodies are `{ error: { code, message, requestId } }`;
 * a stack trace never leaves the process (it goes to the log with the request id).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_KINDS, type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import type { ApiEnv } from './context.ts';

/** HTTP status per error kind, read from the one table (connectors/errors.ts) the CLI's exit codes come from. */
export const ERROR_STATUS = Object.fromEntries(
  Object.entries(ERROR_KINDS).map(([kind, v]) => [kind, v.http]),
) as { [K in ErrorKind]: ContentfulStatusCode };
export type { ErrorKind };

export class ApiError extends TieoutError {
  /** Seconds the client should wait before trying again (sent as Retry-After). */
  retryAfter?: number;

  constructor(kind: ErrorKind, code: string, message: string) {
    super(kind, code, message);
    this.name = 'ApiError';
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.kind];
  }
}

/** Kinds whose message may name the server's files or hosts: the caller gets a generic line, the log the rest. */
const PRIVATE_KINDS: ReadonlySet<ErrorKind> = new Set(['internal', 'config', 'integrity']);

/** Maps an error to its API error by its kind; anything that is not a TieoutError is internal. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof TieoutError) {
    if (PRIVATE_KINDS.has(e.kind)) return new ApiError(e.kind, e.code, GENERIC);
    return new ApiError(e.kind, e.code, e.message);
  }
  if (e instanceof HTTPException && e.status < 500) {
    const kind = (Object.entries(ERROR_STATUS).find(([, s]) => s === e.status)?.[0] ??
      'bad_request') as ErrorKind;
    return new ApiError(
      kind,
      kind === 'bad_request' ? 'invalid_request' : kind,
      e.message || 'the request is malformed',
    );
  }
  return new ApiError('internal', 'internal', GENERIC);
}

const GENERIC = 'tieout could not answer this request; the log has the details';

/** Pages are everything outside /api, the OpenAPI document and the webhook receivers. */
export function isPage(path: string): boolean {
  return !path.startsWith('/api/') && !path.startsWith('/webhooks/') && path !== '/openapi.json';
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * A message as the client may see it: no absolute path of the server's (the data directory, the working
 * directory, any absolute file path) — a file is named by its path inside the data directory or its name.
 */
export function withoutServerPaths(message: string, dataDir?: string): string {
  let out = message;
  for (const [root, shown] of [
    [dataDir, '<data dir>'],
    [process.cwd(), '.'],
  ] as const) {
    if (root && root.length > 1) out = out.split(root).join(shown);
  }
  // Any other absolute file path under a file-system root (not a URL path such as /api/…): its file name only.
  return out.replace(FILE_PATH, (p) => `…/${p.split(/[\\/]/).at(-1)}`);
}

const FILE_PATH =
  /(?:[A-Za-z]:\\|\/(?:tmp|home|root|var|usr|opt|srv|mnt|etc|work|data|Users|private)\/)[^\s'"`,;:)]+/g;

export function errorResponse(c: Context<ApiEnv>, raw: ApiError) {
  const requestId = c.get('requestId');
  const e = new ApiError(
    raw.kind,
    raw.code,
    withoutServerPaths(raw.message, c.get('runtime')?.config.dataDir),
  );
  if (raw.retryAfter !== undefined) c.header('Retry-After', String(raw.retryAfter));
  if (isPage(c.req.path)) {
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e.status} · tieout</title>` +
        `<link rel="stylesheet" href="/static/app.css"></head><body><main><h1>${e.status}</h1>` +
        `<p class="error">${escapeHtml(e.message)}</p><p class="muted">Request ${escapeHtml(requestId)} · <a href="/">Overview</a></p></main></body></html>`,
      e.status,
    );
  }
  return c.json({ error: { code: e.code, message: e.message, requestId } }, e.status);
}

/** Hono's onError: log with the request id, answer with the mapped error. */
export function onApiError(e: Error, c: Context<ApiEnv>) {
  const mapped = toApiError(e);
  const log = c.get('log');
  if (PRIVATE_KINDS.has(mapped.kind)) log?.error({ err: e, requestId: c.get('requestId') }, 'request failed');
  else log?.info({ code: mapped.code, requestId: c.get('requestId') }, mapped.message);
  return errorResponse(c, mapped);
}

interface HookResult {
  success: boolean;
  target?: string;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}

/** zod-openapi's defaultHook: a 400 that names the bad field and where it was (query, path, body). */
export function validationHook(result: HookResult, c: Context<ApiEnv>) {
  if (result.success) return;
  const issue = result.error?.issues[0];
  const field = issue?.path.map(String).join('.') || '(whole value)';
  const where = result.target === 'json' ? 'body' : (result.target ?? 'request');
  return errorResponse(
    c,
    new ApiError(
      'bad_request',
      'invalid_request',
      `${where} field "${field}": ${issue?.message ?? 'invalid'}`,
    ),
  );
}
