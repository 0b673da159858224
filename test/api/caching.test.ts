/**
 * What the API keeps in memory never outlives what it was computed from: a new snapshot is served on the
 * next request, a revoked token or removed job is refused on the next request (also when another process
 * writes the store, as `tieout users revoke` does), an override shows in the WIP at once, and one caller's
 * scoping never answers for another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeReads } from '../../src/api/store-reads.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { openStore } from '../../src/store/db.ts';
import { assignJob, issueToken, revokeToken } from '../../src/store/users.ts';
import { AS_OF, type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

const jobCost = (job: string) => `/api/companies/acme/jobs/${job}/job-cost?asOf=${AS_OF}`;

async function withToken(path: string, token: string): Promise<Response> {
  return fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('API caches', () => {
  it('a new snapshot becoming current is served on the very next request', async () => {
    const first = await (await t.api(jobCost(t.pmJob), { as: 'viewer' })).json();
    const again = await (await t.api(jobCost(t.pmJob), { as: 'viewer' })).json();
    expect(again.snapshot.id).toBe(first.snapshot.id);
    const company = t.runtime.config.companies[0]!;
    const outcome = await runSnapshotForCompany(t.runtime, company, 'test');
    expect(outcome.ok).toBe(true);
    const after = await (await t.api(jobCost(t.pmJob), { as: 'viewer' })).json();
    expect(after.snapshot.id).not.toBe(first.snapshot.id);
    const summary = await (await t.api('/api/companies/acme', { as: 'viewer' })).json();
    expect(summary.currentSnapshot.id).toBe(after.snapshot.id);
  });

  it('a token revoked through the API is refused on the next request', async () => {
    const { token, tokenId } = issueToken(t.runtime.store, {
      userId: t.userIds.viewer,
      name: 'ci',
      by: 'test',
    });
    expect((await withToken(jobCost(t.pmJob), token)).status).toBe(200);
    expect((await withToken(jobCost(t.pmJob), token)).status).toBe(200);
    const revoked = await t.api(`/api/tokens/${tokenId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const refused = await withToken(jobCost(t.pmJob), token);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('unauthorized');
  });

  it('a token revoked by another process (the CLI) is refused on the next request', async () => {
    const { token, tokenId } = issueToken(t.runtime.store, {
      userId: t.userIds.viewer,
      name: 'cli',
      by: 'test',
    });
    expect((await withToken(jobCost(t.pmJob), token)).status).toBe(200);
    // A second connection to the same store file, as `tieout users revoke` opens in its own process.
    const other = openStore(t.runtime.config.dataDir);
    try {
      revokeToken(other, { tokenId, by: 'cli' });
    } finally {
      other.close();
    }
    expect((await withToken(jobCost(t.pmJob), token)).status).toBe(401);
  });

  it('an expired token is refused even while its holder is kept in memory', () => {
    const { token } = issueToken(t.runtime.store, {
      userId: t.userIds.viewer,
      name: 'short',
      expiresAt: '2030-01-01T00:00:00.000Z',
      by: 'test',
    });
    const reads = storeReads(t.runtime.store);
    expect(reads.userForToken(token, '2029-12-31T23:59:59.999Z')?.id).toBe(t.userIds.viewer);
    expect(reads.userForToken(token, '2030-01-01T00:00:00.000Z')).toBeNull();
  });

  it('an override changes the WIP response at once', async () => {
    const wip = async () =>
      (await (await t.api(`/api/companies/acme/reports/wip?asOf=${AS_OF}`, { as: 'viewer' })).json()) as {
        jobs: { job_number: string; estimated_total_cost: string }[];
      };
    const line = (w: Awaited<ReturnType<typeof wip>>) => w.jobs.find((j) => j.job_number === t.otherJob)!;
    const before = line(await wip());
    expect(line(await wip()).estimated_total_cost).toBe(before.estimated_total_cost);
    const res = await t.api('/api/companies/acme/periods/2026-10/overrides', {
      method: 'POST',
      as: 'approver',
      body: JSON.stringify({
        jobNumber: t.otherJob,
        estimatedTotalCost: '7654321.09',
        note: 'estimate revised at the month-end review',
      }),
    });
    expect(res.status).toBe(201);
    expect(before.estimated_total_cost).not.toBe('7654321.09');
    expect(line(await wip()).estimated_total_cost).toBe('7654321.09');
  });

  it('a pm is refused a job another role just read, and sees it once assigned, at once', async () => {
    expect((await t.api(jobCost(t.otherJob), { as: 'viewer' })).status).toBe(200);
    const refused = await t.api(jobCost(t.otherJob), { as: 'pm' });
    expect(refused.status).toBe(403);
    expect((await t.api(jobCost(t.pmJob), { as: 'pm' })).status).toBe(200);

    const all = await (await t.api('/api/companies/acme/jobs', { as: 'viewer' })).json();
    const mine = await (await t.api('/api/companies/acme/jobs', { as: 'pm' })).json();
    expect(all.items.length).toBeGreaterThan(1);
    expect(mine.items.map((j: { number: string }) => j.number)).toEqual([t.pmJob]);

    assignJob(t.runtime.store, {
      userId: t.userIds.pm,
      companyId: 'acme',
      jobNumber: t.otherJob,
      by: 'test',
    });
    expect((await t.api(jobCost(t.otherJob), { as: 'pm' })).status).toBe(200);
    const now = await (await t.api('/api/companies/acme/jobs', { as: 'pm' })).json();
    expect(now.items.map((j: { number: string }) => j.number).sort()).toEqual([t.pmJob, t.otherJob].sort());
  });
});
