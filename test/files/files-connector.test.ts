import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import { SourceError, type SourceRecord } from '../../connectors/contract.ts';
import { filesConnector, readCsvTable } from '../../connectors/files/index.ts';
import { writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir();

async function collect(records: AsyncIterable<SourceRecord>) {
  const out: SourceRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

async function readFolderTables(dir: string) {
  const tables: string[] = [];
  const ctx = {
    companyId: 'x',
    side: 'erp' as const,
    runStartedAt: new Date(),
    signal: new AbortController().signal,
    previousState: undefined,
    saveState: () => {},
    progress: () => {},
    stats: {},
    log: { info() {}, warn() {}, error() {} },
  };
  for await (const t of filesConnector(dir).read(ctx)) {
    tables.push(t.table);
    await collect(t.records);
  }
  return tables;
}

describe('canonical files connector', () => {
  it('reads a UTF-8 BOM, CRLF line ends and quoted fields with commas and quotes', async () => {
    const dir = writeFolder(path.join(root, 'bom'), {
      'jobs.csv': '\uFEFFjob_id,number,name,status\r\n7,2024-007,"Smith ""North"" Tower, Bldg A",open\r\n',
    });
    const [record] = await collect(readCsvTable(path.join(dir, 'jobs.csv'), 'jobs'));
    expect(record?.ok).toBe(true);
    if (!record?.ok) return;
    expect(record.sourceRef).toBe('jobs.csv:2');
    const v = validateRow('jobs', record.values);
    expect(v.ok && v.row).toMatchObject({ job_id: '7', name: 'Smith "North" Tower, Bldg A', status: 'open' });
  });

  it('names file, line and column of a bad cell', async () => {
    const dir = writeFolder(path.join(root, 'badcell'), {
      'jobs.csv': 'job_id,number,name,status\n1,2024-001,A,open\n',
      'budget_lines.csv': 'job_id,cost_code,cost_type,original_budget\n1,03-300,labor,"12,500.00"\n',
    });
    const [record] = await collect(readCsvTable(path.join(dir, 'budget_lines.csv'), 'budget_lines'));
    expect(record?.ok).toBe(true);
    if (!record?.ok) return;
    expect(record.locate?.('original_budget')).toBe('budget_lines.csv:2:4');
    const v = validateRow('budget_lines', record.values);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues[0]?.message).toMatch(/thousands separators are not allowed/);
  });

  it('explains an unquoted thousands separator as a field-count problem with a hint', async () => {
    const dir = writeFolder(path.join(root, 'unquoted'), {
      'budget_lines.csv': 'job_id,cost_code,cost_type,original_budget\n1,03-300,labor,12,500.00\n',
    });
    const [record] = await collect(readCsvTable(path.join(dir, 'budget_lines.csv'), 'budget_lines'));
    expect(record).toMatchObject({ ok: false, sourceRef: 'budget_lines.csv:2' });
    expect(!record?.ok && record?.reason).toMatch(/expected 4 fields.*found 5.*thousands separators/);
  });

  it('fails the source when jobs.csv is missing', async () => {
    const dir = writeFolder(path.join(root, 'nojobs'), { 'vendors.csv': 'vendor_id,name\n1,A\n' });
    await expect(readFolderTables(dir)).rejects.toThrow(/jobs\.csv is missing/);
  });

  it('fails the source on an unknown header column, naming line 1 and the column', async () => {
    const dir = writeFolder(path.join(root, 'header'), { 'jobs.csv': 'job_id,number,name,status,colour\n' });
    await expect(readFolderTables(dir)).rejects.toThrow(/jobs\.csv:1:5: unknown column "colour"/);
  });

  it('fails the source on a file with no header row', async () => {
    const dir = writeFolder(path.join(root, 'empty'), { 'jobs.csv': '' });
    await expect(readFolderTables(dir)).rejects.toBeInstanceOf(SourceError);
  });

  it('fails the source on an unclosed quote, naming the file', async () => {
    const dir = writeFolder(path.join(root, 'quote'), {
      'jobs.csv': 'job_id,number,name,status\n1,2024-001,"Open quote,open\n',
    });
    await expect(readFolderTables(dir)).rejects.toThrow(/jobs\.csv/);
  });

  it('treats a missing optional file as "no such records"', async () => {
    const dir = writeFolder(path.join(root, 'minimal'), {
      'jobs.csv': 'job_id,number,name,status\n1,2024-001,A,open\n',
    });
    expect(await readFolderTables(dir)).toEqual(['jobs']);
  });

  it('reads retainage released on a billing, and an empty cell as not given', async () => {
    const dir = writeFolder(path.join(root, 'release'), {
      'billings.csv':
        'billing_id,job_id,number,period_end,billed_amount,retainage_held,retainage_released,status\n' +
        'B7,1,7,2026-09-30,0.00,0.00,45000.00,posted\n' +
        'B6,1,6,2026-08-31,120000.00,12000.00,,posted\n',
    });
    const records = await collect(readCsvTable(path.join(dir, 'billings.csv'), 'billings'));
    const rows = records.map((r) => {
      const v = r.ok ? validateRow('billings', r.values) : null;
      return v?.ok ? v.row : v;
    });
    expect(rows).toMatchObject([
      { billing_id: 'B7', billed_amount: '0.00', retainage_held: '0.00', retainage_released: '45000.00' },
      { billing_id: 'B6', retainage_held: '12000.00', retainage_released: null },
    ]);
  });
});
