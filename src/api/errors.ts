/**
 * Errors as values with codes, mapped once to HTTP status. Bodies are `{ error: { code, message, requestId } }`;
 * a stack trace never leaves the process (it goes to the log with the request id).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { JobNotFound } from '../../reports/job-cost/job-cost.ts';
import { ConfigError } from '../config/load.ts';
import { ReportError } from '../reports/wip-inputs.ts';
import { ActionForbidden } from '../roles.ts';
import { SnapshotAlreadyRunningError } from '../snapshot/run.ts';
import { FindingActionRefused, FindingNotFound } from '../store/findings.ts';
import { UserError } from '../store/users.ts';
import { WipStoreError } from '../store/wip.ts';
import type { ApiEnv } from './context.ts';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorKind = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.kind];
  }
}

const DOMAIN_KIND: Record<string, ErrorKind> = {
  finding_not_found: 'not_found',
  finding_action_refused: 'conflict',
  job_not_found: 'not_found',
  no_snapshot: 'not_found',
  snapshot_missing: 'unavailable',
  closed_period_drift: 'conflict',
  period_closed: 'conflict',
  period_not_closed: 'conflict',
  already_closed: 'conflict',
  invalid_override: 'bad_request',
  not_admin: 'forbidden',
  user_exists: 'conflict',
  user_not_found: 'not_found',
  own_account: 'forbidden',
  forbidden: 'forbidden',
  token_not_found: 'not_found',
  bad_password: 'bad_request',
  snapshot_running: 'conflict',
};

/** Maps a domain error to its API error; anything unknown is an internal error with a generic message. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const known =
    e instanceof FindingNotFound ||
    e instanceof FindingActionRefused ||
    e instanceof JobNotFound ||
    e instanceof ReportError ||
    e instanceof WipStoreError ||
    e instanceof UserError ||
    e instanceof ActionForbidden ||
    e instanceof SnapshotAlreadyRunningError;
  if (known) {
    const code = (e as { code: string }).code;
    return new ApiError(DOMAIN_KIND[code] ?? 'bad_request', code, (e as Error).message);
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
  if (e instanceof ConfigError) return new ApiError('not_found', 'company_not_found', e.message);
  return new ApiError(
    'internal',
    'internal',
    'tieout could not answer this request; the log has the details',
  );
}

/** Pages are everything outside /api, the OpenAPI document and the webhook receivers. */
export function isPage(path: string): boolean {
  return !path.startsWith('/api/') && !path.startsWith('/webhooks/') && path !== '/openapi.json';
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

export function errorResponse(c: Context<ApiEnv>, e: ApiError) {
  const requestId = c.get('requestId');
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
  if (mapped.kind === 'internal') log?.error({ err: e, requestId: c.get('requestId') }, 'request failed');
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
