/**
 * Every error tieout raises on purpose is a TieoutError: a `code` (stable, machine-readable, e.g.
 * `finding_not_found`) and a `kind`. The kind alone decides the HTTP status the API answers and the exit code
 * the CLI ends with, in the one table below, so a new domain error can never surface as a 500 or a bare
 * exit 1. It lives on the ground floor because every floor raises these (a connector's source failure, a
 * report's missing job, a store's refused action); the README's exit-code table is checked against it.
 */

export const ERROR_KINDS = {
  bad_request: {
    http: 400,
    exit: 2,
    meaning: 'the input is wrong; the message names the field, file or line',
  },
  unauthorized: { http: 401, exit: 3, meaning: 'no valid credential (sign in, or set TIEOUT_TOKEN)' },
  forbidden: { http: 403, exit: 4, meaning: "the actor's role or scope does not allow it" },
  not_found: { http: 404, exit: 5, meaning: 'the company, job, finding, proposal or user does not exist' },
  conflict: {
    http: 409,
    exit: 6,
    meaning: 'the current state refuses it (already decided, period closed, …)',
  },
  payload_too_large: { http: 413, exit: 2, meaning: 'the request body or a field is over its limit' },
  rate_limited: { http: 429, exit: 7, meaning: 'too many attempts; wait and retry' },
  upstream: {
    http: 502,
    exit: 8,
    meaning: 'a connected system (Procore, the books, a file) failed or sent bad data',
  },
  unavailable: {
    http: 503,
    exit: 9,
    meaning: 'busy or missing right now (data directory in use, snapshot file gone)',
  },
  integrity: { http: 500, exit: 10, meaning: 'stored data fails verification (the audit chain)' },
  config: { http: 500, exit: 11, meaning: 'the configuration or environment is invalid' },
  internal: { http: 500, exit: 1, meaning: 'a fault in tieout; the log has the details' },
} as const satisfies Record<string, { http: number; exit: number; meaning: string }>;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class TieoutError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TieoutError';
  }
}

/** What an error is, for the API and the CLI: a TieoutError's own kind and code, anything else internal. */
export function classifyError(e: unknown): { kind: ErrorKind; code: string; message: string } {
  if (e instanceof TieoutError) return { kind: e.kind, code: e.code, message: e.message };
  return {
    kind: 'internal',
    code: 'internal',
    message: e instanceof Error ? e.message : String(e),
  };
}
