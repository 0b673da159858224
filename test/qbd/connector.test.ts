/**
 * The qbd connector entry: `{"type":"qbd","sandbox":…}` runs a whole Web Connector session over SOAP before the
 * read and yields the same rows as the company read directly; `{"type":"qbd"}` with no session yet fails naming
 * the command to run; `{"type":"qbo"}` is refused at configuration; the `.qwc` file and its URL rules.
 */
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataAsOf } from '../../connectors/contract.ts';
import { SourceError } from '../../connectors/contract.ts';
import { qbdConfigSchema, qbdFactory } from '../../connectors/qbd/index.ts';
import { QBWC_PATH } from '../../connectors/qbd/qbwc/http.ts';
import { endpointUrl, qwcDocument, registerCompany } from '../../connectors/qbd/qwc.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { configSchema } from '../../src/config/schema.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { drain, readContext } from '../sage100c/support.ts';
import { tempDir } from '../support/tmp.ts';

let dataset: string;
beforeAll(async () => {
  const dir = tempDir('tieout-qbd-connector-');
  await generateDemo({ outDir: dir, asOf: '2026-11-20', scale: { jobs: 6 }, plant: false });
  dataset = path.join(dir, 'erp');
}, 180_000);

const env = (dataDir: string) => ({ baseDir: '/', dataDir, companyId: 'acme', log: console, env: {} });

describe('the qbd connector', () => {
  it('with a sandbox, reads the company through a Web Connector session; a second run reads the same copy', async () => {
    const dataDir = tempDir('tieout-qbd-data-');
    const config = qbdConfigSchema.parse({ type: 'qbd', sandbox: { dataset } });
    const first = await qbdFactory.create(config, env(dataDir));
    const a = await drain(first);
    await first.close?.();
    const jobs = (await import('node:fs'))
      .readFileSync(path.join(dataset, 'jobs.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(a.jobs).toHaveLength(jobs.length - 1);
    expect(a.cost_transactions!.length).toBeGreaterThan(100);
    const second = await qbdFactory.create(config, env(dataDir));
    let said: DataAsOf | undefined;
    const b = await drain(
      second,
      readContext({
        dataAsOf: (x) => {
          said = x;
        },
      }),
    );
    await second.close?.();
    for (const table of Object.keys(a).filter((k) => k !== 'refs'))
      expect(b[table as keyof typeof b], table).toEqual(a[table as keyof typeof a]);
    const store = QbdStore.open(dataDir);
    // The second run came within half the schedule: the Web Connector was told there was nothing to do.
    expect(store.sessions('acme').map((s) => s.status)).toEqual(['complete', 'none']);
    // …so its data is as old as the first, complete session, whatever the second read's time.
    expect(said?.basis).toBe('last_session');
    expect(said?.at.toISOString()).toBe(new Date(store.state('acme')!.completedAt).toISOString());
    store.close();
  });

  it('without a sandbox and before any session, fails naming the command that sets the Web Connector up', async () => {
    const connector = await qbdFactory.create(
      qbdConfigSchema.parse({ type: 'qbd' }),
      env(tempDir('tieout-qbd-none-')),
    );
    const error = await drain(connector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('qbd_no_session');
    expect((error as Error).message).toContain('tieout qbd qwc --company acme');
    await connector.close?.();
  });
});

describe('configuration', () => {
  const company = (erp: unknown) => ({
    companies: [{ id: 'acme', name: 'Acme', pm: { type: 'files', dir: 'pm' }, erp }],
  });
  it('refuses QuickBooks Online, saying there is no integration path', () => {
    const result = configSchema.safeParse(company({ type: 'qbo' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toMatch(
      /QuickBooks Online has no integration path/,
    );
  });
  it('takes {"type":"qbd"} with defaults, and refuses an unknown key', () => {
    expect(configSchema.safeParse(company({ type: 'qbd' })).success).toBe(true);
    expect(qbdConfigSchema.parse({ type: 'qbd' })).toMatchObject({
      runEveryMinutes: 60,
      pageSize: 500,
      fullSweepDays: 7,
    });
    expect(configSchema.safeParse(company({ type: 'qbd', password: 'x' })).success).toBe(false);
  });
});

describe('the .qwc file', () => {
  it('holds what the Web Connector reads, in the order of Intuit’s samples', async () => {
    const store = new QbdStore(':memory:');
    const r = await registerCompany(store, { companyId: 'acme', runEveryMinutes: 30, now: new Date(0) });
    const xml = qwcDocument(r, {
      url: 'https://tieout.example.com/qbwc',
      companyName: 'Acme & Co',
      readOnly: true,
    });
    const doc = new XMLParser({ parseTagValue: false }).parse(xml).QBWCXML;
    expect(Object.keys(doc)).toEqual([
      'AppName',
      'AppID',
      'AppURL',
      'AppDescription',
      'AppSupport',
      'UserName',
      'OwnerID',
      'FileID',
      'QBType',
      'Scheduler',
      'IsReadOnly',
      'Style',
      'AuthFlags',
    ]);
    expect(doc).toMatchObject({
      AppName: 'tieout (Acme & Co)',
      AppURL: 'https://tieout.example.com/qbwc',
      AppSupport: 'https://tieout.example.com/qbwc?wsdl',
      UserName: 'tieout-acme',
      QBType: 'QBFS',
      Scheduler: { RunEveryNMinutes: '30' },
      IsReadOnly: 'true',
    });
    expect(doc.OwnerID).toMatch(/^\{[0-9A-F-]{36}\}$/);
    // The password is stored hashed; a new one keeps the OwnerID and FileID (the file stays pinned).
    expect(store.company('acme')!.passwordHash).toMatch(/^scrypt\$/);
    const again = await registerCompany(store, { companyId: 'acme', runEveryMinutes: 30, now: new Date(0) });
    expect([again.ownerId, again.fileId]).toEqual([r.ownerId, r.fileId]);
    expect(again.password).not.toBe(r.password);
  });
  it('wants https, except on this machine', () => {
    expect(() => endpointUrl('http://tieout.example.com/qbwc')).toThrow(/only https:\/\/.*TLS proxy/);
    expect(endpointUrl('http://localhost:8787')).toBe(`http://localhost:8787${QBWC_PATH}`);
    expect(endpointUrl('https://t.example.com/qbwc')).toBe('https://t.example.com/qbwc');
    expect(() => endpointUrl('not a url')).toThrow(/is not a URL/);
  });
});
