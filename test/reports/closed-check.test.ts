/** What a closed period's recomputation may and may not differ in. */
import { describe, expect, it } from 'vitest';
import { closedDifferences } from '../../src/reports/closed-check.ts';

const closed = JSON.stringify({
  as_of: '2026-10-31',
  jobs: [{ job_number: '26-101', earned_revenue: '100.00' }],
  totals: { earned_revenue: '100.00' },
});

describe('closed period check', () => {
  it('allows columns a later version adds', () => {
    const now = JSON.stringify({
      as_of: '2026-10-31',
      jobs: [{ job_number: '26-101', earned_revenue: '100.00', period_revenue: '5.00' }],
      totals: { earned_revenue: '100.00', period_revenue: '5.00' },
      period_baseline: null,
    });
    expect(closedDifferences(closed, now)).toEqual([]);
  });

  it('names every changed number by job and column', () => {
    const now = JSON.stringify({
      as_of: '2026-10-31',
      jobs: [{ job_number: '26-101', earned_revenue: '100.01' }],
      totals: { earned_revenue: '100.01' },
    });
    expect(closedDifferences(closed, now)).toEqual([
      { path: '.jobs[job 26-101].earned_revenue', closed: '100.00', now: '100.01' },
      { path: '.totals.earned_revenue', closed: '100.00', now: '100.01' },
    ]);
  });

  it('flags a job that appeared or disappeared', () => {
    const now = JSON.stringify({ as_of: '2026-10-31', jobs: [], totals: { earned_revenue: '100.00' } });
    expect(closedDifferences(closed, now)).toEqual([{ path: '.jobs.length', closed: 1, now: 0 }]);
  });
});
