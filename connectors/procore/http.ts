/**
 * The one door to Procore's REST API: Procore-Company-Id on every call, bearer token, pacing on the
 * X-Rate-Limit-* headers, waits on 429/503, jittered exponential backoff for 5xx, timeouts, resets and
 * unreadable bodies, and a count of every call for the run history (official-docs/plan_your_app/rate_limiting.md).
 */

import { type Dispatcher, request } from 'undici';
import { type Clock, systemClock } from '../clock.ts';
import type { ConnectorLogger, ConnectorStats } from '../contract.ts';
import type { TokenProvider } from './auth.ts';
import type { ProcoreTuning } from './config.ts';
import { forbidden, gaveUp, notFound, unauthorized } from './errors.ts';
import { parseJsonExact } from './json.ts';

export interface CallContext {
  /** The Procore tool the call reads, named in permission errors ("Budget", "Commitments"…). */
  tool: string;
  projectId?: string;
}

export interface ProcoreResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Path and query as called, for source references. */
  call: string;
}

export interface ProcoreHttpOptions {
  apiBaseUrl: string;
  companyId: string;
  tokens: TokenProvider;
  tuning: ProcoreTuning;
  stats: ConnectorStats;
  log: ConnectorLogger;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
  /** Time for backoff and rate-limit waits (the system's unless a test shares a virtual one with a sandbox). */
  clock?: Clock;
}

const RETRYABLE_NETWORK = /ECONNRESET|EPIPE|ECONNREFUSED|ETIMEDOUT|UND_ERR|socket|other side closed|aborted/i;

export class ProcoreHttp {
  private pauseUntil = 0;
  private readonly clock: Clock;

  constructor(private readonly o: ProcoreHttpOptions) {
    this.clock = o.clock ?? systemClock;
    for (const k of ['procore_calls', 'procore_retries', 'procore_429', 'procore_503', 'procore_bytes'])
      o.stats[k] ??= 0;
  }

  /** GET a path (with query) under the API base URL; returns the parsed JSON body. */
  get(pathAndQuery: string, ctx: CallContext): Promise<ProcoreResponse> {
    return this.call('GET', pathAndQuery, ctx);
  }

  /**
   * PATCH a JSON body (sync actions). Only idempotent writes go through here (an update by id), so a write
   * retried after a timeout or a reset cannot apply twice.
   */
  patch(pathAndQuery: string, body: unknown, ctx: CallContext): Promise<ProcoreResponse> {
    return this.call('PATCH', pathAndQuery, ctx, JSON.stringify(body));
  }

  private async call(
    method: 'GET' | 'PATCH',
    pathAndQuery: string,
    ctx: CallContext,
    body?: string,
  ): Promise<ProcoreResponse> {
    const { tuning, stats } = this.o;
    const call = `${method} ${pathAndQuery}`;
    let attempt = 0;
    let refreshed = false;
    const waited = { ms: 0, times: 0 }; // rate-limit waits of this call, capped as a whole
    for (;;) {
      this.o.signal?.throwIfAborted();
      await this.pace(call);
      const token = await this.o.tokens.accessToken();
      let res: Dispatcher.ResponseData;
      let text: string;
      try {
        stats.procore_calls!++;
        res = await request(new URL(pathAndQuery, this.o.apiBaseUrl), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'procore-company-id': this.o.companyId,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body,
          signal: this.o.signal
            ? AbortSignal.any([this.o.signal, AbortSignal.timeout(tuning.timeoutMs)])
            : AbortSignal.timeout(tuning.timeoutMs),
          dispatcher: this.o.dispatcher,
        });
        text = await res.body.text();
        stats.procore_bytes! += Buffer.byteLength(text);
      } catch (e) {
        if (this.o.signal?.aborted) throw e;
        const reason = describeNetworkError(e);
        if (!RETRYABLE_NETWORK.test(reason) && !isTimeout(e)) throw gaveUp(call, reason);
        attempt = await this.backoff(call, attempt, reason);
        continue;
      }
      this.notePacing(res.headers);
      const status = res.statusCode;
      if (status === 200) {
        try {
          return { status, headers: res.headers, body: parseJsonExact(text), call: pathAndQuery };
        } catch {
          attempt = await this.backoff(call, attempt, 'the response was not complete JSON');
          continue;
        }
      }
      if (status === 401) {
        if (refreshed) throw unauthorized(`${call} answered 401 after a fresh token`);
        refreshed = true;
        this.o.tokens.invalidate();
        continue;
      }
      if (status === 403) throw forbidden(call, ctx.tool, ctx.projectId);
      if (status === 404) throw notFound(call, ctx.projectId);
      if (status === 429) {
        stats.procore_429!++;
        stats.procore_retries!++;
        await this.waitForWindow(call, res.headers, 'rate limit (429)', waited);
        continue;
      }
      if (status === 503 && header(res.headers, 'retry-after')) {
        stats.procore_503!++;
        stats.procore_retries!++;
        await this.waitForWindow(call, res.headers, 'Procore under heavy load (503)', waited);
        continue;
      }
      if (status >= 500) {
        attempt = await this.backoff(call, attempt, `HTTP ${status}`);
        continue;
      }
      throw gaveUp(call, `HTTP ${status} ${text.slice(0, 300)}`);
    }
  }

  private async backoff(call: string, attempt: number, reason: string): Promise<number> {
    const t = this.o.tuning;
    if (attempt >= t.maxRetries) throw gaveUp(call, `${reason}, still failing after ${attempt + 1} attempts`);
    this.o.stats.procore_retries!++;
    const exp = Math.min(t.maxDelayMs, t.baseDelayMs * 2 ** attempt);
    const delay = Math.round(exp * (0.5 + Math.random() / 2));
    this.o.log.warn({ call, reason, attempt: attempt + 1, delayMs: delay }, 'procore call retried');
    await this.clock.sleep(delay, this.o.signal);
    return attempt + 1;
  }

  /**
   * After a 429 or 503: wait for Retry-After, else until X-Rate-Limit-Reset. The cap is on the call's waits
   * together (seconds and count), so a server that keeps answering "retry in 1 s" cannot hold a run forever.
   */
  private async waitForWindow(
    call: string,
    headers: ProcoreResponse['headers'],
    why: string,
    waited: { ms: number; times: number },
  ) {
    const retryAfter = Number(header(headers, 'retry-after'));
    const reset = Number(header(headers, 'x-rate-limit-reset'));
    let waitMs = 1000;
    if (Number.isFinite(retryAfter) && retryAfter >= 0) waitMs = retryAfter * 1000;
    else if (Number.isFinite(reset) && reset > 0) waitMs = reset * 1000 - this.clock.now();
    waitMs = Math.max(waitMs, 0) + Math.round(Math.random() * 250); // jitter so parallel runs do not align
    if (waited.ms + waitMs > this.o.tuning.maxRateLimitWaitSeconds * 1000) {
      throw gaveUp(
        call,
        `${why}; the next window opens in ${Math.ceil(waitMs / 1000)} s, beyond the wait cap (${Math.round(waited.ms / 1000)} s waited already)`,
      );
    }
    if (waited.times >= this.o.tuning.maxRateLimitWaits) {
      throw gaveUp(call, `${why}, still refused after waiting ${waited.times} times`);
    }
    waited.ms += waitMs;
    waited.times++;
    this.o.log.warn({ call, waitMs, why }, 'procore asked to wait');
    await this.clock.sleep(waitMs, this.o.signal);
  }

  /** Remembers when the reported window is exhausted, so the next call waits instead of earning a 429. */
  private notePacing(headers: ProcoreResponse['headers']) {
    const remaining = Number(header(headers, 'x-rate-limit-remaining'));
    const reset = Number(header(headers, 'x-rate-limit-reset'));
    if (Number.isFinite(remaining) && remaining <= 0 && Number.isFinite(reset))
      this.pauseUntil = reset * 1000;
  }

  private async pace(call: string) {
    const waitMs = this.pauseUntil - this.clock.now();
    if (waitMs <= 0) return;
    if (waitMs > this.o.tuning.maxRateLimitWaitSeconds * 1000) {
      throw gaveUp(
        call,
        `the rate-limit window resets in ${Math.ceil(waitMs / 1000)} s, beyond the wait cap`,
      );
    }
    this.o.stats.procore_paced = (this.o.stats.procore_paced ?? 0) + 1;
    await this.clock.sleep(waitMs + 50, this.o.signal);
  }
}

export function header(headers: ProcoreResponse['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

function describeNetworkError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (isTimeout(e)) return 'the call timed out';
  const code = (e as { code?: string }).code;
  return code ? `${code}: ${e.message}` : e.message;
}
