/**
 * Fuzz the API: fast-check over every operation in /openapi.json (path parameters, query, bodies; valid-ish
 * and hostile values), as each role, without a token and with a forged one, against a real tieout on
 * 127.0.0.1 (real snapshot, real SQLite). No answer is a 5xx; every error is
 * `{ error: { code, message, requestId } }` with the status its code maps to; no token → 401, a role the
 * access table does not allow → 403, an oversized body → 413. 10,000 requests in the long form.
 */
import fc from 'fast-check';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../src/api/access.ts';
import { MAX_BODY_BYTES } from '../../src/api/app.ts';
import { ERROR_STATUS } from '../../src/api/errors.ts';
import { type Served, startTieout } from '../api/support.ts';
import { LONG } from './fault-cases.ts';
import { type FuzzRequest, operations, requestArbitrary } from './fuzz-inputs.ts';

const REQUESTS = Number(process.env.TIEOUT_FUZZ_REQUESTS ?? (LONG ? 10_000 : 500));
const SEED = Number(process.env.TIEOUT_FUZZ_SEED ?? Date.now() % 1_000_000);
// Admin weighs most: it passes every gate, so its requests reach the handlers' own validation.
const ROLES = ['viewer', 'pm', 'approver', 'admin', 'admin', 'admin', 'none', 'forged'];

let served: Served;
beforeAll(async () => {
  served = await startTieout();
});
afterAll(() => served?.close());

interface Failure {
  signature: string;
  request: string;
  status: number;
  body: string;
}

async function send(r: FuzzRequest) {
  const headers: Record<string, string> = {};
  if (r.role === 'forged') headers.authorization = 'Bearer tieout_forged0000000000000000000000';
  else if (r.role !== 'none') headers.authorization = `Bearer ${served.tokens[r.role as 'admin']}`;
  if (r.contentType) headers['content-type'] = r.contentType;
  // An oversized body is refused before it is read, and the server then drops the connection: send it on a
  // connection of its own so the refusal, not a reused socket's close, is what the client sees.
  const own = (r.body?.length ?? 0) > MAX_BODY_BYTES ? new Agent({ pipelining: 0 }) : undefined;
  try {
    const res = await undiciFetch(`${served.url}${r.url}`, {
      method: r.op.method,
      headers,
      body: r.body,
      redirect: 'manual',
      dispatcher: own,
    });
    const text = await res.text();
    return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
  } finally {
    await own?.close();
  }
}

/** What is wrong with an answer, or null. */
function problem(r: FuzzRequest, status: number, text: string, type: string): string | null {
  if (status >= 500) return `status ${status}`;
  const decision = ACCESS[`${r.op.method} ${r.op.route}`];
  const oversized = (r.body?.length ?? 0) > MAX_BODY_BYTES;
  if (status < 400) {
    if (oversized) return 'an oversized body was accepted';
    if (decision !== 'public' && (r.role === 'none' || r.role === 'forged'))
      return 'answered without a valid token';
    if (decision !== 'public' && decision && !decision.includes(r.role as 'admin'))
      return `role ${r.role} was let in`;
    return null;
  }
  if (!type.includes('application/json')) return `error of type ${type}`;
  let body: { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return 'error body is not JSON';
  }
  const e = body.error;
  const keys = Object.keys(body);
  if (keys.length !== 1 || !e || typeof e !== 'object') return 'error body is not { error: {...} }';
  if (typeof e.code !== 'string' || !e.code) return 'error without a code';
  if (typeof e.message !== 'string' || !e.message) return 'error without a message';
  if (typeof e.requestId !== 'string' || !e.requestId) return 'error without a requestId';
  const mapped = ERROR_STATUS[e.code as keyof typeof ERROR_STATUS];
  if (mapped !== undefined && mapped !== status) return `code ${e.code} with status ${status}`;
  if (e.code === 'invalid_request' && status !== 400) return `invalid_request with status ${status}`;
  // An empty path parameter makes a path no route matches: the 404 handler answers before any gate.
  if (status === 404 && e.code === 'not_found' && e.message.startsWith('no route')) return null;
  if (status === 401 && r.role !== 'none' && r.role !== 'forged') return 'a valid token answered 401';
  if (oversized) return status === 413 ? null : `oversized body answered ${status}`;
  if ((r.role === 'none' || r.role === 'forged') && decision !== 'public' && status !== 401) {
    return `no valid token answered ${status}, not 401`;
  }
  return null;
}

describe('the API under fuzzed input', () => {
  it(`${REQUESTS} requests across every route and role: no 5xx, every error well-formed`, async () => {
    const doc = await (await fetch(`${served.url}/openapi.json`)).json();
    const ops = operations(doc);
    for (const op of ops)
      expect(ACCESS[`${op.method} ${op.route}`], `${op.method} ${op.route}`).toBeDefined();
    const findings = await (await served.api('/api/companies/acme/findings?limit=5')).json();
    const findingKeys = (findings.items as { key: string }[]).map((f) => f.key);
    expect(findingKeys.length).toBeGreaterThan(0);
    const pool: Record<string, string[]> = {
      companyId: ['acme', 'acme', 'other'],
      jobNumber: [served.pmJob, served.otherJob, 'no-such-job'],
      userId: [served.userIds.pm, served.userIds.viewer, 'usr_missing'],
      key: [...findingKeys, 'jobcost.mismatch:acme:1', 'missing'],
      kind: ['wip', 'completed', 'fade', 'surety'],
      format: ['json', 'csv', 'xlsx', 'pdf'],
      jobNumberBody: [served.pmJob],
    };
    const requests = fc.sample(requestArbitrary(ops, ROLES, pool), { numRuns: REQUESTS, seed: SEED });
    const failures = new Map<string, Failure>();
    const statuses: Record<string, number> = {};
    for (const r of requests) {
      const { status, text, type } = await send(r);
      statuses[status] = (statuses[status] ?? 0) + 1;
      const wrong = problem(r, status, text, type);
      if (!wrong) continue;
      const signature = `${r.op.method} ${r.op.route} as ${r.role}: ${wrong}`;
      if (!failures.has(signature)) {
        failures.set(signature, {
          signature,
          request: `${r.op.method} ${r.url.slice(0, 300)} body=${(r.body ?? '').slice(0, 200)}`,
          status,
          body: text.slice(0, 300),
        });
      }
    }
    console.log(`API fuzz: ${requests.length} requests, seed ${SEED}, statuses`, statuses);
    expect([...failures.values()]).toEqual([]);
  }, 600_000);
});
