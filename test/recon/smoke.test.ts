import { expect, it } from 'vitest';
import { brief, cleanCompany, findingsOf } from './company.ts';

it('clean company has no findings', async () => {
  const f = await findingsOf(cleanCompany());
  expect(f.map(brief)).toEqual([]);
});

it('planted', async () => {
  const c = cleanCompany();
  c.erp.budget_lines![0]!.revised_budget = '90000.00';
  c.erp.change_orders = [];
  c.pm.jobs!.push({ job_id: 'P3', number: '2024-019', name: 'Dock', status: 'open' });
  c.erp.cost_transactions!.push({
    transaction_id: 'X',
    job_id: 'E1',
    date: '2026-10-01',
    cost_code: '3300',
    cost_type: 'labor',
    amount: '5.00',
    status: 'posted',
  });
  const f = await findingsOf(c);
  console.log(JSON.stringify(f.slice(0, 2), null, 1));
  console.log(f.map((x) => `${x.check} ${x.message}`).join('\n'));
});
