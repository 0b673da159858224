/**
 * The demo company's books carry contract asset and liability balances that the demo generator computes on
 * its own (src/demo/gl-balances.ts) from the same rules. The WIP, run through the real snapshot and
 * command line, must tie to them to the cent, with every open job on the schedule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_COMPANY_ID, DEMO_COMPANY_NAME, generateDemo } from '../../src/demo/index.ts';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

describe('WIP on the demo company', { timeout: 240_000 }, () => {
  it('ties over and under billings to the GL to the cent and lists every open job', async () => {
    const root = tempDir();
    await generateDemo({ outDir: root });
    const settings = JSON.parse(readFileSync(path.join(root, 'company.json'), 'utf8'));
    const config = path.join(root, 'tieout.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        companies: [
          {
            id: DEMO_COMPANY_ID,
            name: DEMO_COMPANY_NAME,
            pm: { type: 'files', dir: 'pm' },
            erp: { type: 'files', dir: 'erp' },
            settings: settings.settings ?? settings,
          },
        ],
      }),
    );
    const env = { TIEOUT_DATA_DIR: path.join(root, 'data') };
    expect((await runCli(['snapshot', '--config', config], env)).code).toBe(0);
    const res = await runCli(
      ['report', 'wip', '--company', 'demo', '--as-of', '2026-10-31', '--config', config],
      env,
    );
    expect(res.stderr).toBe('');
    const wip = JSON.parse(res.stdout);
    expect(wip.balance_sheet.under_billings.difference).toBe('0.00');
    expect(wip.balance_sheet.over_billings.difference).toBe('0.00');
    const erpJobs = readFileSync(path.join(root, 'erp', 'jobs.csv'), 'utf8');
    const openInBooks = erpJobs.split('\n').filter((l) => /,open(,|$)/.test(l)).length;
    expect(wip.jobs.length).toBeGreaterThan(0);
    expect(wip.jobs.length).toBeLessThanOrEqual(openInBooks);
    expect(wip.estimate_source).toBe('pm');
  });
});
