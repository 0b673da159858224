/** Pagination, the company header and rate-limit pacing, against the sandbox over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../connectors/clock.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, normalised, readAll, sandboxConnector, testContext } from './support.ts';

let sandbox: ProcoreSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function token(s: ProcoreSandbox): Promise<string> {
  const r = s.oauth.grant({
    grant_type: 'client_credentials',
    client_id: s.client.clientId,
    client_secret: s.client.clientSecret,
  });
  return String(r.body.access_token);
}

describe('pagination', () => {
  it('follows Link rel="next" page by page when Procore caps per_page below what was asked', async () => {
    sandbox = await startProcoreSandbox({
      dataset: FIXTURE_PM,
      perPageCap: 1,
      rateLimits: { spike: 100_000 },
    });
    const ctx = testContext();
    const paged = await readAll(sandboxConnector(sandbox, { perPage: 10_000 }).connector, ctx);
    const projectCalls = sandbox.requests.filter((r) => r.startsWith('/rest/v1.1/projects?'));
    expect(projectCalls).toEqual([
      '/rest/v1.1/projects?company_id=4264807&page=1&per_page=10000',
      '/rest/v1.1/projects?company_id=4264807&page=2&per_page=1',
      '/rest/v1.1/projects?company_id=4264807&page=3&per_page=1',
    ]);
    await sandbox.close();
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
    const whole = await readAll(sandboxConnector(sandbox).connector, testContext());
    for (const [table, rows] of Object.entries(whole.rows)) {
      expect(normalised(paged.rows[table as keyof typeof paged.rows]), table).toEqual(normalised(rows));
    }
  });

  it('reads change order lists, which take no page parameters, in one call per project', async () => {
    sandbox = await startProcoreSandbox({
      dataset: FIXTURE_PM,
      perPageCap: 1,
      rateLimits: { spike: 100_000 },
    });
    await readAll(sandboxConnector(sandbox).connector, testContext());
    const lists = sandbox.requests.filter((r) =>
      /\/prime_change_orders$|\/commitment_change_orders$/.test(r),
    );
    expect(lists).toHaveLength(6);
  });

  it('serves Link as documented: page 2 has first, next and last but no prev', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM });
    const res = await fetch(`${sandbox.url}/rest/v1.0/vendors?company_id=4264807&per_page=1&page=2`, {
      headers: { authorization: `Bearer ${await token(sandbox)}`, 'procore-company-id': sandbox.companyId },
    });
    const link = res.headers.get('link') ?? '';
    expect(link).toMatch(/rel="first"/);
    expect(link).toMatch(/rel="next"/);
    expect(link).toMatch(/rel="last"/);
    expect(link).not.toMatch(/rel="prev"/);
    expect(res.headers.get('total')).toBe('3');
    expect(res.headers.get('per-page')).toBe('1');
  });
});

describe('Total cross-check', () => {
  it('a list whose Total disagrees once is read again and the run goes on', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
    sandbox.faults.set({ path: '/rest/v1.1/requisitions', kind: 'wrong_total', times: 1 });
    const result = await readAll(sandboxConnector(sandbox).connector, testContext());
    expect(result.rows.payables).toHaveLength(4);
    expect(
      sandbox.requests.filter((r) => r.startsWith('/rest/v1.1/requisitions?project_id=562949953421312')),
    ).toHaveLength(2);
  });

  it('a list whose Total keeps disagreeing fails the run rather than publish a record short', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
    sandbox.faults.set({ path: '/rest/v1.1/requisitions', kind: 'wrong_total', times: 2 });
    await expect(readAll(sandboxConnector(sandbox).connector, testContext())).rejects.toMatchObject({
      code: 'procore_list_changed',
    });
  });
});

describe('Procore-Company-Id', () => {
  it('is required on every call, and the connector sends it', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM });
    const res = await fetch(`${sandbox.url}/rest/v1.1/projects?company_id=4264807`, {
      headers: { authorization: `Bearer ${await token(sandbox)}` },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Missing Procore-Company-Id header!');
    const result = await readAll(sandboxConnector(sandbox).connector, testContext());
    expect(result.rows.jobs).toHaveLength(3);
  });
});

describe('rate limits', () => {
  it('paces on X-Rate-Limit-Remaining so a tight spike window never answers 429', async () => {
    // Virtual time: the connector's waits move the sandbox's clock, so the windows pass without real waiting.
    const clock = new VirtualClock();
    sandbox = await startProcoreSandbox({
      dataset: FIXTURE_PM,
      rateLimits: { spike: 20, spikeWindowSeconds: 10 },
      clock,
    });
    const ctx = testContext();
    const result = await readAll(sandboxConnector(sandbox).connector, ctx);
    expect(result.rows.jobs).toHaveLength(3);
    expect(ctx.stats.procore_paced).toBeGreaterThan(0);
    expect(ctx.stats.procore_429).toBe(0);
    // Every call beyond the first window's 20 waited for a window: at least 10 s of virtual time per window.
    const windows = Math.ceil(sandbox.limiter.total / 20);
    expect(clock.slept.ms).toBeGreaterThanOrEqual((windows - 1) * 10_000 - 1_000);
  });

  it('gives up cleanly when the hourly budget is spent and its reset is beyond the wait cap', async () => {
    sandbox = await startProcoreSandbox({
      dataset: FIXTURE_PM,
      rateLimits: { hourly: 10, spike: 1_000 },
      clock: new VirtualClock(),
    });
    const { connector } = sandboxConnector(sandbox, { maxRateLimitWaitSeconds: 5 });
    await expect(readAll(connector, testContext())).rejects.toMatchObject({
      code: 'procore_unavailable',
      message: expect.stringContaining('beyond the wait cap'),
    });
  });

  it('gives up when Procore keeps answering 429 with a short Retry-After, instead of waiting forever', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
    sandbox.faults.set({ path: '/rest/v1.0/cost_codes', kind: '429', times: 1_000, retryAfterSeconds: 0 });
    const { connector } = sandboxConnector(sandbox, { maxRateLimitWaits: 3 });
    await expect(readAll(connector, testContext())).rejects.toMatchObject({
      code: 'procore_unavailable',
      message: expect.stringContaining('still refused after waiting 3 times'),
    });
    expect(sandbox.requests.filter((r) => r.startsWith('/rest/v1.0/cost_codes'))).toHaveLength(4);
  });

  it('counts every call, retry, 429 and byte for the run history', async () => {
    sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
    sandbox.faults.set({ path: '/rest/v1.0/cost_codes', kind: '429', times: 1, retryAfterSeconds: 0 });
    const ctx = testContext();
    await readAll(sandboxConnector(sandbox).connector, ctx);
    expect(ctx.stats.procore_calls).toBe(sandbox.requests.length);
    expect(ctx.stats.procore_429).toBe(1);
    expect(ctx.stats.procore_retries).toBe(1);
    expect(ctx.stats.procore_bytes).toBeGreaterThan(10_000);
    expect(ctx.stats.procore_token_calls).toBe(1);
  });
});
