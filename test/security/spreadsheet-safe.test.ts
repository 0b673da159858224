/** A findings CSV opened in Excel runs no formula from a job or vendor name; amounts stay numbers. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../reports/shared/csv.ts';
import { renderFindings } from '../../src/cli/commands/findings.ts';
import type { ListedFinding } from '../../src/store/findings.ts';

describe('findings CSV', () => {
  it('neutralises text cells that Excel would run, and leaves negative amounts alone', () => {
    const listed = [
      {
        finding: {
          companyId: 'acme',
          key: 'k1',
          check: 'jobcost.mismatch',
          severity: 'critical',
          jobNumber: '26-101',
          pmJobName: '=HYPERLINK("http://evil.example","Riverside")',
          erpJobName: null,
          costCode: '03-300',
          costType: 'material',
          document: null,
          vendor: '@SUM(A1)',
          pmAmount: '0.00',
          erpAmount: '212.00',
          difference: '-212.00',
          tolerance: null,
          message: '+1 more',
          documents: {},
          snapshotId: 's1',
        },
        status: 'open',
        drift: 'new',
        firstSeenAt: '2026-11-01',
        note: '\tnote',
        actedBy: null,
      },
    ] as unknown as ListedFinding[];
    const [row] = parse(renderFindings(listed, 'csv'), { columns: true }) as Record<string, string>[];
    expect(row!.job_name).toBe('\'=HYPERLINK("http://evil.example","Riverside")');
    expect(row!.vendor).toBe("'@SUM(A1)");
    expect(row!.message).toBe("'+1 more");
    expect(row!.note).toBe("'\tnote");
    expect(row!.difference).toBe('-212.00');
    expect(row!.cost_code).toBe('03-300');
  });
});

describe('report CSV (every report table: WIP, job cost, bonding)', () => {
  it('neutralises text cells the same way, and leaves amounts and dates alone', () => {
    const csv = tableCsv({
      name: 'WIP',
      title: 'WIP',
      columns: [
        { key: 'job_number', label: 'Job', kind: 'text' },
        { key: 'job_name', label: 'Name', kind: 'text' },
        { key: 'over_under', label: 'Over/(under)', kind: 'money' },
        { key: 'as_of', label: 'As of', kind: 'date' },
      ],
      rows: [
        ['26-101', '=HYPERLINK("http://evil.example","Riverside")', '-1250.00', '2026-10-31'],
        ['26-102', '\u2212cmd|calc', '0.00', '2026-10-31'],
        ['26-103', '\rsplit', null, null],
      ],
    });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.job_name)).toEqual([
      '\'=HYPERLINK("http://evil.example","Riverside")',
      "'\u2212cmd|calc",
      "'\rsplit",
    ]);
    expect(rows.map((r) => r.over_under)).toEqual(['-1250.00', '0.00', '']);
    expect(rows[0]!.job_number).toBe('26-101');
    expect(rows[0]!.as_of).toBe('2026-10-31');
  });
});
