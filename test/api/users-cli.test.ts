/** `tieout users add` prints a token once; the token then opens the API of a real server. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { silentLogger } from '../../src/log.ts';
import { openRuntime } from '../../src/runtime.ts';
import { verifyAudit } from '../../src/store/audit.ts';
import { runCli } from '../support/cli.ts';
import { ERP_JOBS, PM_JOBS, writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { listen } from './support.ts';

describe('tieout users (command line)', () => {
  it('users add prints a token that signs in with the role given; bad input names the option', async () => {
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
    ]);
    const env = { TIEOUT_DATA_DIR: path.join(root, 'data'), TIEOUT_ACTOR: 'ops@acme.test' };
    const added = await runCli(
      [
        'users',
        'add',
        '--email',
        'cfo@acme.test',
        '--role',
        'approver',
        '--company',
        'acme',
        '--config',
        config,
      ],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('shown only now');
    const token = added.stdout.trim();
    expect(token).toMatch(/^tieout_[A-Za-z0-9_-]{40,}$/);

    const badRole = await runCli(
      ['users', 'add', '--email', 'x@acme.test', '--role', 'owner', '--config', config],
      env,
    );
    expect(badRole.code).toBe(2); // bad_request
    expect(badRole.stderr).toContain('--role "owner" is not a role');
    const dup = await runCli(
      ['users', 'add', '--email', 'cfo@acme.test', '--role', 'viewer', '--config', config],
      env,
    );
    expect(dup.stderr).toContain('already exists');

    const runtime = await openRuntime({
      configPath: config,
      command: 'test',
      writes: true,
      log: silentLogger,
      env,
    });
    const { server, url } = await listen(createApp({ runtime }).fetch);
    const me = await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(me).toMatchObject({ email: 'cfo@acme.test', role: 'approver', companyId: 'acme' });
    expect(verifyAudit(runtime.store.db)).toMatchObject({ ok: true, entries: 2 });
    server.close();
    runtime.close();
  });
});
