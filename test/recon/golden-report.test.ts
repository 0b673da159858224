/**
 * Golden cases for source.report_mismatch: the books' own job report (reported_job_totals) against the ERP
 * posted job cost tieout counts from the books' detail. The clean company's ERP job E1 (2024-017) holds three
 * posted cost transactions: ET1 20,000.00 + ET2 8,000.00 + ET3 50,000.00 = 78,000.00; job E2 holds none (0.00).
 */
import { describe, expect, it } from 'vitest';
import { brief, cleanCompany, cost, expected, findingsOf, rows } from './company.ts';

const report = (job: string, costToDate: string) => ({
  report: 'job_estimates_vs_actuals',
  job_id: job,
  as_of: '2026-10-31',
  cost_to_date: costToDate,
  estimated_cost: null,
  revenue_to_date: null,
});

describe('source.report_mismatch', () => {
  it('a report that agrees with the detail is nothing', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'reported_job_totals').push(report('E1', '78000.00'), report('E2', '0.00'));
    expect(await findingsOf(c)).toEqual([]);
  });

  it('a report $250.00 above the detail is a critical finding saying both figures and the difference', async () => {
    const c = cleanCompany();
    // QuickBooks says 78,250.00; the detail adds up to 78,000.00 (above): 78,250.00 − 78,000.00 = 250.00.
    rows(c, 'erp', 'reported_job_totals').push(report('E1', '78250.00'));
    const findings = await findingsOf(c);
    expect(findings.map(brief)).toEqual([expected('source.report_mismatch', { erp: '78000.00' })]);
    const f = findings[0]!;
    expect(f.severity).toBe('critical');
    expect(f.difference).toBe('250.00');
    expect(f.facts).toMatchObject({ reported_cost: '78250.00', counted_cost: '78000.00' });
    expect(f.message).toContain('cost to date of $78,250.00');
    expect(f.message).toContain('add up to $78,000.00 (difference $250.00)');
    expect(f.documents.erp.map((d) => d.table)).toEqual(['reported_job_totals', 'cost_transactions']);
  });

  it('tolerance decides: $0.40 on a job with no cost is within the default $1.00, $1.50 is not', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'reported_job_totals').push(report('E1', '78000.40'), report('E2', '1.50'));
    const findings = await findingsOf(c);
    expect(findings.map((f) => [f.jobNumber, f.difference])).toEqual([['2024-018', '1.50']]);
  });

  it('the detail counts a void and its reversal as nothing, as the report does', async () => {
    const c = cleanCompany();
    // A 4,000.00 cost voided in the books (void row + reversal): still 78,000.00 against a report of 78,000.00.
    rows(c, 'erp', 'cost_transactions').push(
      { ...cost('ET8', 'E1', '3300', 'material', '4000.00', 'void', 'ap') },
      { ...cost('ET9', 'E1', '3300', 'material', '-4000.00', 'posted', 'ap'), reverses_id: 'ET8' },
    );
    rows(c, 'erp', 'reported_job_totals').push(report('E1', '78000.00'));
    expect((await findingsOf(c)).filter((f) => f.check === 'source.report_mismatch')).toEqual([]);
  });

  it('a company whose books give no report is not compared', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'cost_transactions').push(
      cost('ET7', 'E2', '16100', 'subcontract', '999.00', 'posted', 'ap'),
    );
    expect((await findingsOf(c)).filter((f) => f.check === 'source.report_mismatch')).toEqual([]);
  });
});
