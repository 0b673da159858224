/**
 * Limits on expensive work (virtual clock; real HTTP handlers, real DuckDB and SQLite): requests per
 * credential, report renders at once, one open read-only handle per published snapshot file, and the WIP
 * computed once per store state however often the overview asks.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../connectors/clock.ts';
import { createApp } from '../../src/api/app.ts';
import { createLimits, RenderGate } from '../../src/api/limits.ts';
import { SnapshotCache } from '../../src/api/snapshots.ts';
import { serverSettings } from '../../src/config/schema.ts';
import { openSnapshotFiles } from '../../src/snapshot/handles.ts';
import { absoluteSnapshotPath } from '../../src/snapshot/paths.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { currentSnapshot } from '../../src/store/runs.ts';
import { issueToken, listTokens } from '../../src/store/users.ts';
import { AS_OF, type Served, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
}, 120_000);
afterAll(() => t?.close());

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('requests per credential', () => {
  it('answers 429 rate_limited with Retry-After past the bound, per token, and again once time passes', async () => {
    const clock = new VirtualClock();
    const limits = createLimits({ ...serverSettings({}), requestsPerMinute: 3 }, clock);
    const app = createApp({ runtime: t.runtime, limits });
    const get = (token: string) => app.request('/api/companies', bearer(token));
    for (let i = 0; i < 3; i++) expect((await get(t.tokens.viewer)).status).toBe(200);
    const refused = await get(t.tokens.viewer);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
    // 3 a minute: one request comes back every 60 / 3 = 20 seconds
    expect(refused.headers.get('retry-after')).toBe('20');
    expect((await get(t.tokens.admin)).status).toBe(200); // another credential has its own bucket
    clock.advance(20_000);
    expect((await get(t.tokens.viewer)).status).toBe(200);
    expect((await get(t.tokens.viewer)).status).toBe(429);
  });
});

describe('report renders at once', () => {
  it('over the bound, a render is answered 503 unavailable with Retry-After, not queued', async () => {
    const limits = createLimits({ ...serverSettings({}), concurrentRenders: 1 });
    const app = createApp({ runtime: t.runtime, limits });
    let release!: () => void;
    const holding = limits.renders.run(() => new Promise<void>((r) => (release = r)));
    const busy = await app.request(
      `/api/companies/acme/reports/wip?format=csv&asOf=${AS_OF}`,
      bearer(t.tokens.admin),
    );
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect((await busy.json()).error.code).toBe('busy');
    release();
    await holding;
    const ok = await app.request(
      `/api/companies/acme/reports/wip?format=csv&asOf=${AS_OF}`,
      bearer(t.tokens.admin),
    );
    expect(ok.status).toBe(200);
    expect(limits.renders.busy).toBe(0);
  });

  it('the gate counts what runs and frees its slot when a render fails', async () => {
    const gate = new RenderGate(2);
    const a = gate.run(() => new Promise((r) => setTimeout(r, 1)));
    await expect(gate.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(gate.busy).toBe(1);
    await a;
    expect(gate.busy).toBe(0);
  });
});

describe('snapshot handles and the WIP', () => {
  it('keeps one read-only handle per published file, and closes it when a newer snapshot is published', async () => {
    const app = createApp({ runtime: t.runtime });
    const company = t.runtime.config.companies[0]!;
    const fileOf = () =>
      absoluteSnapshotPath(t.runtime.config.dataDir, currentSnapshot(t.runtime.store.db, company.id)!.path);
    const first = fileOf();
    for (let i = 0; i < 3; i++) {
      const res = await app.request(
        `/api/companies/acme/reports/wip?asOf=${AS_OF}&format=json`,
        bearer(t.tokens.admin),
      );
      expect(res.status).toBe(200);
    }
    expect(openSnapshotFiles().filter((f) => f === first)).toHaveLength(1);

    const outcome = await runSnapshotForCompany(t.runtime, company, 'test');
    expect(outcome.ok).toBe(true);
    const second = fileOf();
    expect(second).not.toBe(first);
    const res = await app.request(
      `/api/companies/acme/jobs/${t.pmJob}/job-cost?asOf=${AS_OF}`,
      bearer(t.tokens.admin),
    );
    expect(res.status).toBe(200);
    expect(openSnapshotFiles()).not.toContain(first);
    expect(openSnapshotFiles()).toContain(second);
  }, 120_000);

  it('the WIP is computed once per store state: the same computation until something is written', async () => {
    const cache = new SnapshotCache(t.runtime);
    const company = t.runtime.config.companies[0]!;
    const a = cache.wip(company, AS_OF);
    const b = cache.wip(company, AS_OF);
    expect(b).toBe(a);
    expect((await a).schedule.jobs.length).toBeGreaterThan(0);
    // a write to the store (any: here a new snapshot's run) makes the next ask compute afresh
    await runSnapshotForCompany(t.runtime, company, 'test');
    expect(cache.wip(company, AS_OF)).not.toBe(a);
  }, 120_000);
});

describe('API tokens', () => {
  it('expire after 90 days when no expiry is given, and record when they were last used (at most hourly)', async () => {
    const { tokenId, token } = issueToken(t.runtime.store, {
      userId: t.userIds.viewer,
      name: 'ci',
      by: 'test',
    });
    const row = () => listTokens(t.runtime.store.db, t.userIds.viewer).find((r) => r.id === tokenId)!;
    // 90 days × 86,400,000 ms a day after it was made
    expect(Date.parse(row().expiresAt!) - Date.parse(row().createdAt)).toBeGreaterThanOrEqual(
      90 * 86_400_000 - 1000,
    );
    expect(Date.parse(row().expiresAt!) - Date.parse(row().createdAt)).toBeLessThanOrEqual(
      90 * 86_400_000 + 1000,
    );
    expect(row().lastUsedAt).toBeNull();
    const app = createApp({ runtime: t.runtime });
    expect((await app.request('/api/me', bearer(token))).status).toBe(200);
    const first = row().lastUsedAt;
    expect(first).not.toBeNull();
    expect((await app.request('/api/me', bearer(token))).status).toBe(200);
    expect(row().lastUsedAt).toBe(first); // within the hour: not written again
  });
});

describe('snapshot files', () => {
  it('are published 0600 in 0700 folders (see also file-modes.test.ts)', () => {
    const snap = currentSnapshot(t.runtime.store.db, 'acme')!;
    const file = absoluteSnapshotPath(t.runtime.config.dataDir, snap.path);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });
});
