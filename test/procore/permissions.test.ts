/** 403 and 404 as Procore answers them when the service account lacks a project or a tool. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, readAll, sandboxConnector, testContext } from './support.ts';

let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.forbiddenProjects.clear();
  sandbox.forbiddenPaths.length = 0;
});

describe('permissions', () => {
  it('a project outside the permitted projects fails the run naming the project', async () => {
    sandbox.forbiddenProjects.add('562949953421313');
    await expect(readAll(sandboxConnector(sandbox).connector, testContext())).rejects.toMatchObject({
      code: 'procore_forbidden',
      message: expect.stringMatching(
        /project 562949953421313 is not among the service account's permitted projects/,
      ),
    });
  });

  it('a tool the permission template lacks is named in the error', async () => {
    sandbox.forbiddenPaths.push('/budget_views');
    await expect(readAll(sandboxConnector(sandbox).connector, testContext())).rejects.toMatchObject({
      code: 'procore_forbidden',
      message: expect.stringContaining('read access to the Budget tool'),
    });
  });

  it('a configured project the account cannot see is reported, not skipped', async () => {
    const { connector } = sandboxConnector(sandbox, {}, { projects: ['562949953421312', '123'] });
    await expect(readAll(connector, testContext())).rejects.toMatchObject({
      code: 'procore_project_not_found',
      message: expect.stringContaining('no project 123'),
    });
  });

  it('a company the account cannot see is named with the companies it can (List Companies)', async () => {
    const { connector } = sandboxConnector(sandbox, {}, { companyId: '999' });
    await expect(readAll(connector, testContext())).rejects.toMatchObject({
      code: 'procore_company_not_visible',
      message: expect.stringContaining(
        `Procore company 999 is not among the companies this account can see (tieout Sandbox Builders (${sandbox.companyId}))`,
      ),
    });
    expect(sandbox.requests.filter((r) => r.startsWith('/rest/v1.0/companies')).at(-1)).toBe(
      '/rest/v1.0/companies',
    );
  });

  it('a company the account sees but whose Projects tool is refused stays a permission error', async () => {
    sandbox.forbiddenPaths.push('/rest/v1.1/projects');
    await expect(readAll(sandboxConnector(sandbox).connector, testContext())).rejects.toMatchObject({
      code: 'procore_forbidden',
      message: expect.stringContaining('read access to the Projects tool'),
    });
  });

  it('a 404 on a project endpoint names the project', async () => {
    sandbox.faults.set({ path: '/rest/v1.0/cost_codes', kind: '404', times: 1 });
    await expect(readAll(sandboxConnector(sandbox).connector, testContext())).rejects.toMatchObject({
      code: 'procore_not_found',
      message: expect.stringContaining('project 562949953421312 does not exist'),
    });
  });

  it('only the configured projects are read', async () => {
    const { connector } = sandboxConnector(sandbox, {}, { projects: ['562949953421313'] });
    const result = await readAll(connector, testContext());
    expect(result.rows.jobs?.map((j) => j.job_id)).toEqual(['562949953421313']);
    expect(new Set(result.rows.commitments?.map((c) => c.job_id))).toEqual(new Set(['562949953421313']));
  });
});
