/**
 * The server's limits, made once per app on one clock (tests pass a virtual one): sign-in delays per address
 * and per account, the client address behind trusted proxies, requests per credential, and report renders at
 * once. README "Security" lists the numbers.
 */
import type { MiddlewareHandler } from 'hono';
import { type Clock, systemClock } from '../../connectors/clock.ts';
import type { ServerSettings } from '../config/schema.ts';
import { TrustedProxies } from './client-address.ts';
import type { ApiEnv } from './context.ts';
import { ApiError, errorResponse } from './errors.ts';
import {
  DelayLimiter,
  type DelayRule,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_ADDRESS,
  RequestLimiter,
} from './rate-limit.ts';

export interface Limits {
  clock: Clock;
  proxies: TrustedProxies;
  loginPerAccount: DelayLimiter;
  loginPerAddress: DelayLimiter;
  requests: RequestLimiter;
  renders: RenderGate;
}

export function createLimits(
  settings: ServerSettings,
  clock: Clock = systemClock,
  rules: { account?: DelayRule; address?: DelayRule } = {},
): Limits {
  const now = () => clock.now();
  return {
    clock,
    proxies: new TrustedProxies(settings.trustedProxies),
    loginPerAccount: new DelayLimiter(rules.account ?? LOGIN_PER_ACCOUNT, now),
    loginPerAddress: new DelayLimiter(rules.address ?? LOGIN_PER_ADDRESS, now),
    requests: new RequestLimiter(settings.requestsPerMinute, now),
    renders: new RenderGate(settings.concurrentRenders),
  };
}

/** Seconds a refused render asks the client to wait: a report renders in a few seconds. */
export const RENDER_RETRY_AFTER = 5;

/**
 * At most `max` report renders at once (PDF, XLSX, CSV and WIP computations hold a CPU and a DuckDB
 * connection each). Over the bound the request is answered at once with 503 `unavailable` and Retry-After,
 * not queued: a queue would hold sockets and memory for requests whose users have likely given up, and a
 * client (the CLI, a page reload) can retry.
 */
export class RenderGate {
  private running = 0;

  constructor(readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      throw new BusyError(
        `${this.max} reports are being rendered; try again in ${RENDER_RETRY_AFTER} seconds`,
        RENDER_RETRY_AFTER,
      );
    }
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
    }
  }

  get busy(): number {
    return this.running;
  }
}

/** A refusal that tells the client when to come back (Retry-After). */
export class BusyError extends ApiError {
  constructor(message: string, retryAfter: number) {
    super('unavailable', 'busy', message);
    this.retryAfter = retryAfter;
  }
}

/** Requests per credential: over the bound, 429 `rate_limited` with Retry-After (after authentication). */
export function limitRequests(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) return next();
    const key =
      principal.via === 'token' ? (principal.credential ?? principal.user.id) : `user:${principal.user.id}`;
    const wait = c.get('limits').requests.take(key);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return errorResponse(
        c,
        new ApiError('rate_limited', 'rate_limited', `too many requests; try again in ${wait} seconds`),
      );
    }
    return next();
  };
}
