/**
 * Findings the checks missed or invented before they read the ledger, on the golden company of
 * test/recon/company.ts (which ties out on every check): each case plants one situation and the expected
 * finding is worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { companySettingsSchema } from '../../src/config/schema.ts';
import { brief, cleanCompany, cost, expected, findingsOf, rows } from '../recon/company.ts';

const briefs = async (c: ReturnType<typeof cleanCompany>, settings: Record<string, unknown> = {}) =>
  (await findingsOf(c, settings)).map(brief);

describe('checks on the ledger', () => {
  it('a subcontractor invoice line without a cost code is compared as "no cost code", not dropped', async () => {
    // Procore's 50,000 invoice line loses its cost code; the books keep it on 9250. Before, the PM amount
    // vanished (a false "Procore 0.00 vs books 50,000" on 9250 alone). Now both lines say where the money is.
    const c = cleanCompany();
    const line = rows(c, 'pm', 'payable_lines')[0]!;
    delete line.cost_code;
    delete line.cost_type;
    expect((await briefs(c)).filter((f) => f.check === 'jobcost.mismatch')).toEqual([
      expected('jobcost.mismatch', { costCode: '(no cost code)', pm: '50000.00', erp: '0.00' }),
      expected('jobcost.mismatch', {
        costCode: '9250',
        costType: 'subcontract',
        pm: '0.00',
        erp: '50000.00',
      }),
    ]);
  });

  it('offsetting change-order errors on paired change orders are each reported, though the job totals agree', async () => {
    // CO-2 5,000 in Procore / 3,000 in the books; CO-3 3,000 / 5,000: totals 8,000 = 8,000.
    const c = cleanCompany();
    const co = (side: 'pm' | 'erp', id: string, n: string, amount: string, linked?: string) => ({
      change_order_id: id,
      job_id: side === 'pm' ? 'P1' : 'E1',
      number: n,
      kind: 'budget',
      status: 'approved',
      approved_date: '2026-10-10',
      cost_amount: amount,
      ...(linked ? { linked_id: linked } : {}),
    });
    rows(c, 'pm', 'change_orders').push(
      co('pm', 'PCO2', 'CO-2', '5000.00'),
      co('pm', 'PCO3', 'CO-3', '3000.00'),
    );
    rows(c, 'erp', 'change_orders').push(
      co('erp', 'EC2', 'CO-2', '3000.00', 'PCO2'),
      co('erp', 'EC3', 'CO-3', '5000.00', 'PCO3'),
    );
    const found = (await briefs(c)).filter((f) => f.check === 'changeorder.mismatch');
    expect(found).toEqual([
      expected('changeorder.mismatch', { document: 'CO-2', pm: '5000.00', erp: '3000.00' }),
      expected('changeorder.mismatch', { document: 'CO-3', pm: '3000.00', erp: '5000.00' }),
    ]);
  });

  it("invoice.missing is not hidden by another vendor's invoice with the same number on the job", async () => {
    // Metro Electric's pay app "1" is approved in Procore on job 2024-017 and absent from the books, where
    // Apex Drywall's own invoice "1" is posted.
    const c = cleanCompany();
    rows(c, 'pm', 'payables').push({
      invoice_id: 'PI7',
      job_id: 'P1',
      number: '1',
      vendor_id: 'PV2',
      invoice_date: '2026-10-20',
      status: 'approved',
      gross_amount: '7000.00',
    });
    rows(c, 'erp', 'payables').push({
      invoice_id: 'EI7',
      job_id: 'E1',
      number: '1',
      vendor_id: 'V100',
      invoice_date: '2026-10-20',
      status: 'posted',
      gross_amount: '4000.00',
    });
    const found = (await briefs(c)).filter((f) => f.check === 'invoice.missing');
    expect(found).toContainEqual(expected('invoice.missing', { document: '1', pm: '7000.00' }));
  });

  it('a journal credit is not netted against an unrelated voided payroll row of the same amount', async () => {
    // Books: a voided +500 payroll row and a genuine −500 journal credit on 03-300 labor. Only the credit
    // counts: ERP 20,000 − 500 = 19,500 against Procore's 20,000.
    const c = cleanCompany();
    rows(c, 'erp', 'cost_transactions').push(
      cost('EV1', 'E1', '3300', 'labor', '500.00', 'void', 'payroll'),
      cost('EJ1', 'E1', '3300', 'labor', '-500.00', 'posted', 'journal'),
    );
    expect(await briefs(c)).toEqual([
      expected('jobcost.mismatch', { costCode: '3300', costType: 'labor', pm: '20000.00', erp: '19500.00' }),
    ]);
  });

  it("an ERP budget that did not take its own change order's lines is budget_not_updated, with no PM cost amount", async () => {
    // Procore prime change orders carry no cost: blank PM cost and lines. The books' change order EC1 has a
    // 10,000 line on 9250 but the budget's approved changes there are 0 (locked budget).
    const c = cleanCompany();
    for (const r of rows(c, 'pm', 'change_orders')) delete r.cost_amount;
    c.pm.change_order_lines = [];
    for (const r of rows(c, 'erp', 'budget_lines'))
      if (r.cost_code === '9250') Object.assign(r, { approved_changes: '0.00', revised_budget: '200000.00' });
    const found = (await briefs(c)).filter((f) => f.check === 'changeorder.budget_not_updated');
    expect(found).toEqual([
      expected('changeorder.budget_not_updated', { document: 'PCCO-001', pm: '10000.00', erp: '0.00' }),
    ]);
  });

  it('the relative tolerance is a share of the larger side and strict: 1 % of 100,000 absorbs 1,000 but not 1,000.01', async () => {
    const at = async (erp: string) => {
      const c = cleanCompany();
      for (const r of rows(c, 'erp', 'budget_lines'))
        if (r.cost_code === '3300' && r.cost_type === 'labor') r.revised_budget = erp;
      return (
        await briefs(c, { tolerances: { 'budget.mismatch': { absolute: '1.00', relative: '0.01' } } })
      ).filter((f) => f.check === 'budget.mismatch');
    };
    // PM 100,000; ERP 101,010.10 → larger side 101,010.10 × 1 % = 1,010.10 ≥ 1,010.10: not beyond.
    expect(await at('101010.10')).toEqual([]);
    // ERP 101,020.00 → difference 1,020.00 > 1 % × 101,020 = 1,010.20: a finding.
    expect(await at('101020.00')).toHaveLength(1);
  });

  it('a relative tolerance of 1 or more is refused in config', () => {
    const parsed = companySettingsSchema.safeParse({ defaultTolerance: { absolute: '1.00', relative: '1' } });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/would hide every difference/);
  });
});
