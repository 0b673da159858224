/** `tieout sandbox procore` as a user runs it: a real process, a real port, a real token and call. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/cli.ts';
import { FIXTURE_PM } from './support.ts';

describe('tieout sandbox procore', () => {
  it('serves the dataset on the given port and answers a client-credentials token and a project list', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'sandbox',
        'procore',
        '--dataset',
        FIXTURE_PM,
        '--port',
        '0',
        '--client-id',
        'cli-client',
        '--client-secret',
        'cli-secret',
      ],
      { env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d) => {
          text += String(d);
          const m = /base URL: (http:\/\/\S+)/.exec(text);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${text}`)));
      });
      const token = (await (
        await fetch(`${url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=cli-client&client_secret=cli-secret',
        })
      ).json()) as { access_token: string; expires_in: number };
      expect(token.expires_in).toBe(5400);
      const res = await fetch(`${url}/rest/v1.1/projects?company_id=4264807`, {
        headers: { authorization: `Bearer ${token.access_token}`, 'procore-company-id': '4264807' },
      });
      const projects = (await res.json()) as { project_number: string }[];
      expect(projects.map((p) => p.project_number)).toEqual(['2024-017', '2023-044', '2022-009']);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('names the folder when the dataset is not a canonical dataset', async () => {
    const r = await runCli(['sandbox', 'procore', '--dataset', '/nonexistent/folder', '--port', '0']);
    expect(r.code).toBe(2); // bad_request
    expect(r.stderr).toContain('/nonexistent/folder has no jobs.csv');
  });
});
