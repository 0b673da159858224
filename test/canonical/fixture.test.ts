import { describe, expect, it } from 'vitest';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';

describe('fixture snapshot', () => {
  it('stores validated rows with exact decimals', async () => {
    const snap = await fixtureSnapshot({
      pm: { jobs: [{ job_id: '1', number: '2024-001', name: 'Clinic', status: 'open' }] },
      erp: {
        jobs: [{ job_id: 'A', number: '2024001', name: 'Clinic', status: 'open' }],
        cost_transactions: [
          {
            transaction_id: 't1',
            job_id: 'A',
            date: '2026-01-31',
            cost_code: '3300',
            cost_type: 'labor',
            amount: '0.1',
            status: 'posted',
          },
          {
            transaction_id: 't2',
            job_id: 'A',
            date: '2026-01-31',
            cost_code: '3300',
            cost_type: 'labor',
            amount: '99999999999.99',
            status: 'posted',
          },
        ],
      },
    });
    const rows = await queryRows(
      snap.con,
      'SELECT sum(amount) AS total, count(*) AS n FROM cost_transactions',
    );
    expect(rows).toEqual([{ total: '100000000000.09', n: '2' }]);
    snap.close();
  });
});
