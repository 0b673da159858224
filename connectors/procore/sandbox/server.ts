/**
 * Starts the Procore sandbox on 127.0.0.1 (an ephemeral port unless one is given), seeded from a canonical
 * dataset folder or from prepared data. Used by tests, by `tieout sandbox procore`, and by a company
 * config `{"type":"procore","sandbox":{"dataset":"DIR"}}`.
 */

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Clock, systemClock } from '../../clock.ts';
import { type SandboxState, sandboxApp } from './app.ts';
import type { SandboxData } from './data.ts';
import { loadDataset } from './dataset.ts';
import { FaultSwitches } from './faults.ts';
import { type OAuthClient, SandboxOAuth } from './oauth.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitSettings } from './ratelimit.ts';
import { renderDataset } from './render.ts';
import { SandboxWebhooks } from './webhooks.ts';

export interface ProcoreSandboxOptions {
  dataset?: string;
  data?: SandboxData;
  companyId?: string;
  port?: number;
  host?: string;
  client?: OAuthClient;
  rateLimits?: Partial<RateLimitSettings>;
  tokenLifetimeSeconds?: number;
  perPageCap?: number;
  /** The instant every seeded record was last updated (default: a day before start). */
  seededAt?: string;
  /** The sandbox's time (rate-limit windows, token expiry headers); a test passes a VirtualClock. */
  clock?: Clock;
}

export interface ProcoreSandbox extends SandboxState {
  url: string;
  companyId: string;
  client: OAuthClient;
  close(): Promise<void>;
}

export async function startProcoreSandbox(o: ProcoreSandboxOptions): Promise<ProcoreSandbox> {
  const companyId = o.companyId ?? o.data?.companyId ?? '4264807';
  const clock = o.clock ?? systemClock;
  const seededAt = o.seededAt ?? new Date(Date.now() - 86_400_000).toISOString();
  let data = o.data;
  if (!data) {
    if (!o.dataset) throw new Error('the Procore sandbox needs a dataset folder');
    data = renderDataset(await loadDataset(o.dataset), companyId, seededAt);
  }
  const client = o.client ?? {
    clientId: `sandbox-${randomBytes(6).toString('hex')}`,
    clientSecret: randomBytes(16).toString('hex'),
  };
  const state: SandboxState = {
    data,
    oauth: new SandboxOAuth(client, o.tokenLifetimeSeconds ?? 5400),
    faults: new FaultSwitches(),
    clock,
    limiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...o.rateLimits }, clock),
    forbiddenProjects: new Set(),
    forbiddenPaths: [],
    perPageCap: o.perPageCap ?? 1000,
    calls: new Map(),
    requests: [],
    writes: [],
    webhooks: new SandboxWebhooks(data, clock),
  };
  const app = sandboxApp(state);
  const host = o.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    ...state,
    url: `http://${host}:${port}`,
    companyId,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Total API calls the sandbox answered (token requests excluded). */
export function sandboxCalls(s: SandboxState): number {
  let n = 0;
  for (const v of s.calls.values()) n += v;
  return n;
}
