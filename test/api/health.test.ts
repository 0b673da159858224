import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { silentLogger } from '../../src/log.ts';
import { openRuntime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { addUser } from '../../src/store/users.ts';
import { ERP_JOBS, PM_JOBS, writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

describe('GET /api/health and /api/status', () => {
  const root = tempDir();
  writeFolder(path.join(root, 'pm'), { 'jobs.csv': PM_JOBS });
  writeFolder(path.join(root, 'erp'), { 'jobs.csv': ERP_JOBS });
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
    },
    {
      id: 'broken',
      name: 'Broken Co',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'missing' },
    },
  ]);
  const servers: ServerType[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('shows per company the last run with its status and the current snapshot', async () => {
    const runtime = await openRuntime({
      configPath: config,
      command: 'test',
      writes: true,
      log: silentLogger,
      env: { TIEOUT_DATA_DIR: path.join(root, 'data') },
    });
    for (const c of runtime.config.companies) await runSnapshotForCompany(runtime, c, 'test');
    const { server, url } = await listen(createApp({ runtime }).fetch);
    servers.push(server);
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    const health = await res.json();
    // Public: up and version, nothing about companies, runs or files.
    expect(health).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect((await fetch(`${url}/api/status`)).status).toBe(401);
    const { token } = addUser(runtime.store, { email: 'ops@acme.test', role: 'admin', by: 'test' });
    const status = await fetch(`${url}/api/status`, { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(200);
    const body = await status.json();
    const [acme, broken] = body.companies;
    expect(acme).toMatchObject({ id: 'acme', lastRun: { status: 'succeeded', trigger: 'test' } });
    expect(acme.currentSnapshot).toEqual({ id: expect.any(String), takenAt: expect.any(String) });
    expect(broken).toMatchObject({
      id: 'broken',
      lastRun: { status: 'failed', failedSide: 'erp' },
      currentSnapshot: null,
    });
    expect(broken.lastRun.error).toMatch(/does not exist/);
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/health']).toBeDefined();
    runtime.close();
  });
});
