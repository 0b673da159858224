/** `npm start` on a fresh machine: no configuration, an empty data directory → the demo is served. */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';
import { signIn } from './support.ts';

describe('tieout serve with no configuration', () => {
  it('generates the demo company, snapshots it and reports a succeeded run on /api/status', async () => {
    const cwd = tempDir();
    const dataDir = path.join(cwd, 'data');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd,
      env: { ...process.env, TIEOUT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIEOUT_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let err = '';
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          err += d;
          const m = /serving on (http:\/\/[\d.]+:\d+)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      expect((await (await fetch(`${url}/api/health`)).json()).status).toBe('ok');
      expect(existsSync(path.join(dataDir, 'demo', 'truth.json'))).toBe(true);

      // The office manager signs in with the printed password and reads the emails the first snapshot wrote.
      // The demo passwords are printed on stdout, never on the log stream (stderr); the file is the owner's only.
      const password = /sign in as office@granitepeak\.example \(admin\) with password (\S+)/.exec(out)?.[1];
      expect(password).toBeDefined();
      expect(err).not.toContain(password!);
      expect(statSync(path.join(dataDir, 'demo', 'sign-in.txt')).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const { res: login, session: cookie } = await signIn(url, {
        email: 'office@granitepeak.example',
        password: password!,
        next: '/outbox',
      });
      expect(login.status).toBe(303);
      const status = await (await fetch(`${url}/api/status`, { headers: { cookie } })).json();
      // Two demo companies: the Sage 100 Contractor one and the QuickBooks Desktop one, each snapshotted at start.
      expect(status.companies.map((c: { id: string }) => c.id).sort()).toEqual(['demo', 'demo-qbd']);
      for (const company of status.companies)
        expect(company).toMatchObject({ lastRun: { status: 'succeeded', trigger: 'startup' } });
      const outbox = await fetch(`${url}/outbox`, { headers: { cookie } });
      expect(outbox.status).toBe(200);
      expect(await outbox.text()).toMatch(/\.eml">/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
