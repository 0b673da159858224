/**
 * Bad input through the Sage 300 CRE connector: a table or column the queries need that the data source lacks
 * is named (table, column, and the query reading it) before any row is read; a wrong data source name is
 * told as such; a commitment header without the columns known only from partial public lists still reads
 * (both readings accepted); and a company whose books Sage 300 cannot hold publishes nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sage300creConnector } from '../../connectors/sage300cre/connector.ts';
import { SAGE300_SANDBOX_DSN, Sage300Sandbox } from '../../connectors/sage300cre/sandbox/index.ts';
import { findingsWith } from '../profiles/support.ts';
import { drain, readContext } from '../sage100c/support.ts';

const JOBS =
  'job_id,linked_id,number,name,status,start_date,completion_date\n2026-015,,2026-015,Eastgate Water,open,,\n';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tieout-sage300-errors-'));
  await writeFile(path.join(dir, 'jobs.csv'), JOBS);
  // One subcontract: original 1,000.00, approved changes 200.00, two items 700.00 + 500.00 = 1,200.00.
  await writeFile(
    path.join(dir, 'commitments.csv'),
    'commitment_id,linked_id,job_id,number,kind,vendor_id,status,original_amount,approved_changes,revised_amount,retainage_percent,executed_date\n' +
      '2026-015/SC-001,,2026-015,SC-001,subcontract,1000,approved,1000.00,200.00,1200.00,10,\n',
  );
  await writeFile(
    path.join(dir, 'commitment_lines.csv'),
    'commitment_id,line_id,cost_code,cost_type,amount\n2026-015/SC-001,1,03-300,subcontract,700.00\n2026-015/SC-001,2,03-310,subcontract,500.00\n',
  );
});

async function read(drop: string[], dsn = SAGE300_SANDBOX_DSN, rows = { read: 0 }) {
  const sandbox = await Sage300Sandbox.fromDataset(dir, { drop });
  const connector = sage300creConnector({
    open: () => sandbox.connect(dsn),
    categories: { S: 'subcontract' },
    where: `Sage 300 CRE data source ${dsn}`,
    location: 'test',
    release: () => sandbox.close(),
  });
  try {
    return await drain(
      connector,
      readContext({
        progress: (e) => {
          rows.read += e.rows;
        },
      }),
    );
  } finally {
    await connector.close?.();
  }
}

describe('Sage 300 CRE bad input', () => {
  it('names the missing column and the query that reads it, before any row is read', async () => {
    const rows = { read: 0 };
    const error = await read(['JCT_CURRENT__TRANSACTION.Transaction_Type'], SAGE300_SANDBOX_DSN, rows).catch(
      (e) => e,
    );
    expect(error.code).toBe('sage300_column_missing');
    expect(error.message).toContain('JCT_CURRENT__TRANSACTION.Transaction_Type (read by transactions.sql)');
    expect(rows.read).toBe(0);
  });

  it('names a missing table', async () => {
    const error = await read(['APM_MASTER__DISTRIBUTION']).catch((e) => e);
    expect(error.code).toBe('sage300_table_missing');
    expect(error.message).toContain('APM_MASTER__DISTRIBUTION (read by distributions.sql)');
  });

  it('tells a data source that does not exist', async () => {
    const error = await read([], 'Timberline').catch((e) => e);
    expect(error.code).toBe('sage300_unreachable');
    expect(error.message).toContain('Data source name "Timberline" not found');
  });

  it('reads the commitment header amounts when the table has them', async () => {
    const t = await read([]);
    const c = t.commitments![0]!;
    expect([c.original_amount, c.approved_changes, c.revised_amount, c.retainage_percent]).toEqual([
      '1000.00',
      '200.00',
      '1200.00', // 700.00 + 500.00
      '10',
    ]);
  });

  it('without Original_Commitment, the original is the items less the approved changes', async () => {
    const t = await read(['JCM_MASTER__COMMITMENT.Original_Commitment']);
    // 1,200.00 (items) − 200.00 (approved changes) = 1,000.00
    expect(t.commitments![0]!.original_amount).toBe('1000.00');
  });

  it('without any header amount, the original is the items and the changes are unknown', async () => {
    const t = await read([
      'JCM_MASTER__COMMITMENT.Original_Commitment',
      'JCM_MASTER__COMMITMENT.Approved_Commitment_Changes',
      'JCM_MASTER__COMMITMENT.Retainage_Percent',
    ]);
    const c = t.commitments![0]!;
    expect([c.original_amount, c.approved_changes, c.revised_amount, c.retainage_percent]).toEqual([
      '1200.00',
      null,
      '1200.00',
      null,
    ]);
  });

  it('books Sage 300 cannot hold (a void cost) fail the snapshot with file and line, and nothing is published', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-sage300-unpublished-'));
    const erp = path.join(root, 'erp');
    const pm = path.join(root, 'pm');
    await mkdir(erp);
    await mkdir(pm);
    await writeFile(path.join(erp, 'jobs.csv'), JOBS);
    await writeFile(
      path.join(erp, 'cost_transactions.csv'),
      'transaction_id,job_id,date,cost_code,cost_type,amount,source,vendor_id,invoice_id,status,description\n' +
        '1,2026-015,2026-05-04,03-300,subcontract,100.00,journal,,,void,Reversed entry\n',
    );
    await writeFile(path.join(pm, 'jobs.csv'), JOBS.replace('2026-015,,', '1,,'));
    const companyFile = path.join(root, 'company.json');
    await writeFile(companyFile, '{}');
    const dataDir = path.join(root, 'data');
    const outcome = await findingsWith({
      companyFile,
      pm,
      erp: { type: 'sage300cre', sandbox: { dataset: erp } },
      dataDir,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain('cost_transactions.csv:2');
    expect(outcome.message).toContain('no void status');
    // The company's folder exists (the failed run is recorded), but it holds no snapshot.
    expect(existsSync(path.join(dataDir, 'demo'))).toBe(true);
    const snapshots = path.join(dataDir, 'demo', 'snapshots');
    expect(
      existsSync(snapshots) ? (await readdir(snapshots)).filter((f) => f.endsWith('.duckdb')) : [],
    ).toEqual([]);
  });
});
