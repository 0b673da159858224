import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import { filesConnector } from '../../connectors/files/connector.ts';
import { PROCORE_TABLES } from '../../connectors/procore/connector.ts';
import { procoreFactory } from '../../connectors/procore/index.ts';
import { FIXTURE_PM, normalised, readAll, testContext } from './support.ts';

describe('a canonical PM dataset read through the Procore sandbox over HTTP', () => {
  let viaFiles: Awaited<ReturnType<typeof readAll>>;
  let viaProcore: Awaited<ReturnType<typeof readAll>>;
  let warnings: object[];

  beforeAll(async () => {
    viaFiles = await readAll(filesConnector(FIXTURE_PM), testContext());
    const log = { info: () => {}, warn: (o: object) => warnings.push(o), error: () => {} };
    warnings = [];
    const connector = await procoreFactory.create(
      procoreFactory.configSchema.parse({ type: 'procore', sandbox: { dataset: FIXTURE_PM } }),
      { baseDir: process.cwd(), dataDir: '/nonexistent', companyId: 'acme', log, env: {} },
    );
    try {
      viaProcore = await readAll(connector, testContext());
    } finally {
      await connector.close?.();
    }
  });

  it('serves every record without quarantine or sandbox warnings', () => {
    expect(viaFiles.rejected).toEqual([]);
    expect(viaProcore.rejected).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it.each(PROCORE_TABLES)('yields the same %s rows as the files connector', (table) => {
    expect(viaFiles.rows[table]?.length ?? 0).toBeGreaterThan(0);
    expect(normalised(viaProcore.rows[table])).toEqual(normalised(viaFiles.rows[table]));
  });

  it('leaves out only the tables Procore does not hold', () => {
    const missing = TABLE_NAMES.filter((t) => !PROCORE_TABLES.includes(t));
    // The GL, the sync queue and a books' own job report (reported_job_totals) are ERP-side tables.
    expect(missing.sort()).toEqual(['gl_balances', 'reported_job_totals', 'sync_queue']);
  });
});

afterAll(() => {});
beforeAll(() => {});
