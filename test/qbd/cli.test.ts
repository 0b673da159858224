/**
 * The whole path as an installer walks it, with the real `tieout` in child processes: `tieout qbd qwc` sets the
 * password and writes the .qwc file, `tieout serve` answers the Web Connector at /qbwc, and `tieout qbd
 * rehearse` runs one session against the .qwc file's URL with a sandbox QuickBooks company.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { BIN, runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('tieout qbd qwc, serve and rehearse', () => {
  it('register the company, serve /qbwc and complete a rehearsed session; a plain-http URL is refused', async () => {
    const dir = tempDir('tieout-qbd-cli-');
    await generateDemo({
      outDir: path.join(dir, 'demo'),
      asOf: '2026-11-20',
      scale: { jobs: 6 },
      plant: false,
    });
    const config = path.join(dir, 'tieout.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        companies: [
          {
            id: 'acme',
            name: 'Acme Builders',
            pm: { type: 'files', dir: 'demo/pm' },
            erp: { type: 'qbd', runEveryMinutes: 30 },
          },
        ],
      }),
    );
    const env = { TIEOUT_DATA_DIR: path.join(dir, 'data'), TIEOUT_CONFIG: config };
    const refused = await runCli(
      ['qbd', 'qwc', '--company', 'acme', '--url', 'http://books.example.com/qbwc'],
      env,
      dir,
    );
    expect(refused.code).toBe(2); // bad_request
    expect(refused.stderr).toMatch(/only https:\/\//);

    const port = await freePort();
    const endpoint = `http://localhost:${port}/qbwc`;
    const qwc = await runCli(
      ['qbd', 'qwc', '--company', 'acme', '--url', endpoint, '--out', 'acme.qwc'],
      env,
      dir,
    );
    expect(qwc.code, qwc.stderr).toBe(0);
    const password = /^password: (\S+)$/m.exec(qwc.stdout)?.[1];
    expect(password).toBeDefined();
    expect(qwc.stdout).toContain(`wrote ${path.join(dir, 'acme.qwc')}`);
    const file = readFileSync(path.join(dir, 'acme.qwc'), 'utf8');
    expect(file).toContain(`<AppURL>${endpoint}</AppURL>`);
    expect(file).toContain('<RunEveryNMinutes>30</RunEveryNMinutes>');

    const serve = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
      cwd: dir,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let err = '';
        serve.stderr.on('data', (d) => {
          err += d;
          if (/serving on/.test(err)) resolve();
        });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      const wsdl = await (await fetch(`${endpoint}?wsdl`)).text();
      expect(wsdl).toContain(`location="${endpoint}"`);
      const rehearsal = await runCli(
        ['qbd', 'rehearse', '--qwc', 'acme.qwc', '--dataset', 'demo/erp', '--password', password!],
        env,
        dir,
      );
      expect(rehearsal.code, rehearsal.stderr).toBe(0);
      expect(rehearsal.stdout).toMatch(/^outcome: complete; \d+ requests$/m);
      // A session that does not complete (here the endpoint refuses the password: nvu) is the connected
      // system failing, exit 8 (upstream) per the exit-code table, not bad input (2).
      const wrong = await runCli(
        ['qbd', 'rehearse', '--qwc', 'acme.qwc', '--dataset', 'demo/erp', '--password', 'not-the-password'],
        env,
        dir,
      );
      expect(wrong.code, wrong.stderr).toBe(8);
      expect(wrong.stderr).toMatch(/the session did not complete: nvu/);
    } finally {
      serve.kill('SIGTERM');
      if (serve.exitCode === null) await new Promise((r) => serve.once('exit', r));
    }
    const store = QbdStore.open(path.join(dir, 'data'));
    expect(store.sessions('acme').map((s) => s.status)).toEqual(['complete']);
    expect(store.recordCount('acme')).toBeGreaterThan(100);
    store.close();
  }, 420_000); // five CLI processes and a server, each loading tieout: time for a loaded machine
});
