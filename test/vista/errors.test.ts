/**
 * Bad input through the Vista connector: a view or column the queries need that the database lacks is named
 * (view and column, and which query reads it) before any row is read, and a snapshot with such an ERP side
 * publishes nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../connectors/contract.ts';
import { vistaConnector } from '../../connectors/vista/connector.ts';
import {
  VISTA_SANDBOX_DATABASE,
  VISTA_SANDBOX_LOGIN,
  VistaSandbox,
} from '../../connectors/vista/sandbox/index.ts';
import { findingsWith } from '../profiles/support.ts';
import { drain } from '../sage100c/support.ts';

const SETTINGS = '{}';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tieout-vista-errors-'));
  await writeFile(
    path.join(dir, 'jobs.csv'),
    'job_id,linked_id,number,name,status,start_date,completion_date\n2026-015,,2026-015,Eastgate Water,open,,\n',
  );
});

async function readWithout(drop: string[], rows: { read: number }) {
  const sandbox = await VistaSandbox.fromDataset(dir, { drop });
  const connector = vistaConnector({
    open: () => sandbox.connect({ database: VISTA_SANDBOX_DATABASE, ...VISTA_SANDBOX_LOGIN }),
    mapping: { company: 1, vendorGroup: 1, costTypes: { '1': 'labor' } },
    location: 'test',
    errorContext: {
      server: 'sandbox',
      database: VISTA_SANDBOX_DATABASE,
      user: 'tieout_reader',
      appName: 'tieout-vista',
    },
    release: () => sandbox.close(),
  });
  try {
    const ctx = {
      companyId: 't',
      side: 'erp' as const,
      runStartedAt: new Date('2026-11-01T07:00:00Z'),
      signal: new AbortController().signal,
      previousState: undefined,
      saveState: () => {},
      progress: (e: { rows: number }) => {
        rows.read += e.rows;
      },
      stats: {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
    };
    return await drain(connector, ctx);
  } finally {
    await connector.close?.();
  }
}

describe('Vista bad input', () => {
  it('reads the one-job dataset when nothing is missing', async () => {
    const rows = { read: 0 };
    const t = await readWithout([], rows);
    expect(t.jobs?.map((j) => j.job_id)).toEqual(['2026-015']);
  });

  it('names the missing column and the query that reads it, before any row is read', async () => {
    const rows = { read: 0 };
    const error = await readWithout(['JCCD.ReversalStatus'], rows).catch((e) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe('vista_column_missing');
    expect(error.message).toContain('JCCD.ReversalStatus (read by cost-detail.sql)');
    expect(rows.read).toBe(0);
  });

  it('names a missing view', async () => {
    const error = await readWithout(['APTD'], { read: 0 }).catch((e) => e);
    expect(error.code).toBe('vista_table_missing');
    expect(error.message).toContain('APTD (read by payables.sql)');
  });

  it('a user-defined id column the views lack fails the snapshot, and nothing is published', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-vista-unpublished-'));
    const pm = path.join(root, 'pm');
    await mkdir(pm);
    await writeFile(
      path.join(pm, 'jobs.csv'),
      'job_id,linked_id,number,name,status,start_date,completion_date\n1,,2026-015,Eastgate Water,open,,\n',
    );
    const companyFile = path.join(root, 'company.json');
    await writeFile(companyFile, SETTINGS);
    const dataDir = path.join(root, 'data');
    const outcome = await findingsWith({
      companyFile,
      pm,
      erp: { type: 'vista', sandbox: { dataset: dir }, linkedIdColumn: 'udTieoutID' },
      dataDir,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain('JCJM.udTieoutID (read by jobs.sql)');
    // The company's folder exists (the failed run is recorded), but it holds no snapshot.
    expect(existsSync(path.join(dataDir, 'demo'))).toBe(true);
    const snapshots = path.join(dataDir, 'demo', 'snapshots');
    expect(
      existsSync(snapshots) ? (await readdir(snapshots)).filter((f) => f.endsWith('.duckdb')) : [],
    ).toEqual([]);
  });
});
