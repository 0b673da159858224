/** Golden cases: budgets, change orders and commitments. */
import { describe, expect, it } from 'vitest';
import { brief, cleanCompany, expected, findingsOf, remove, row, rows } from './company.ts';

const budget = (findings: Awaited<ReturnType<typeof findingsOf>>) => findings.map(brief);

describe('budget.mismatch', () => {
  it('a revised budget changed in the ERP after export is one finding on its line', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'budget_lines', 'cost_type', 'labor').revised_budget = '90000.00';
    const findings = await findingsOf(c);
    expect(budget(findings)).toEqual([
      expected('budget.mismatch', { costCode: '3300', costType: 'labor', pm: '100000.00', erp: '90000.00' }),
    ]);
    expect(findings[0]!.difference).toBe('10000.00');
    expect(findings[0]!.tolerance).toEqual({ absolute: '1.00', relative: '0' });
  });

  it('a difference within the $1.00 default tolerance is not a finding', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'budget_lines', 'cost_type', 'labor').revised_budget = '99999.01';
    expect(budget(await findingsOf(c))).toEqual([]);
  });

  it('a company relative tolerance of 1 % absorbs a $900 difference on $100,000', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'budget_lines', 'cost_type', 'labor').revised_budget = '99100.00';
    const settings = { tolerances: { 'budget.mismatch': { absolute: '1.00', relative: '0.01' } } };
    expect(budget(await findingsOf(c, settings))).toEqual([]);
  });

  it('an ERP budget without cost types is compared per cost code', async () => {
    const c = cleanCompany();
    c.erp.budget_lines = [
      { job_id: 'E1', cost_code: '3300', cost_type: 'other', original_budget: '140000.00' },
      { job_id: 'E1', cost_code: '9250', cost_type: 'other', original_budget: '210000.00' },
      { job_id: 'E2', cost_code: '16100', cost_type: 'subcontract', original_budget: '300000.00' },
    ];
    expect(budget(await findingsOf(c))).toEqual([
      expected('budget.mismatch', { costCode: '3300', pm: '150000.00', erp: '140000.00' }),
    ]);
  });

  it('revised budget falls back to original plus approved changes', async () => {
    const c = cleanCompany();
    delete row(c, 'erp', 'budget_lines', 'cost_code', '9250').revised_budget;
    expect(budget(await findingsOf(c))).toEqual([]);
  });
});

describe('change orders', () => {
  it('an approved Procore change order absent from the ERP is changeorder.missing', async () => {
    const c = cleanCompany();
    c.erp.change_orders = [];
    c.erp.change_order_lines = [];
    const findings = await findingsOf(c);
    expect(budget(findings)).toEqual([
      expected('changeorder.missing', { document: 'PCCO-001', pm: '10000.00' }),
    ]);
    expect(findings[0]!.message).toBe(
      'Change order PCCO-001 for $10,000.00, approved 2026-10-02 in Procore on job 2024-017 Riverside Clinic, has no approved counterpart in Sage 100 Contractor.',
    );
  });

  it('a counterpart still pending in the ERP is no approved counterpart', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'change_orders', 'change_order_id', 'EC1').status = 'pending';
    const findings = await findingsOf(c);
    expect(budget(findings)).toEqual([
      expected('changeorder.missing', { document: 'PCCO-001', pm: '10000.00' }),
    ]);
    expect(findings[0]!.message).toContain('(it is pending there)');
  });

  it('a void Procore change order with no ERP counterpart is nothing', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'change_orders').push({
      change_order_id: 'PCO2',
      job_id: 'P1',
      number: 'PCCO-002',
      kind: 'prime',
      status: 'void',
      contract_amount: '3000.00',
    });
    expect(budget(await findingsOf(c))).toEqual([]);
  });

  it('two Procore change orders merged into one ERP change order are not reported (1:N)', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'change_orders').push({
      change_order_id: 'PCO2',
      job_id: 'P1',
      number: 'PCCO-002',
      kind: 'prime',
      status: 'approved',
      approved_date: '2026-10-05',
      contract_amount: '3000.00',
      cost_amount: '2500.00',
    });
    const merged = row(c, 'erp', 'change_orders', 'change_order_id', 'EC1');
    merged.contract_amount = '15000.00';
    merged.cost_amount = '12500.00';
    expect(budget(await findingsOf(c))).toEqual([]);
  });

  it('different contract amounts on both sides are changeorder.mismatch', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'change_orders', 'change_order_id', 'EC1').contract_amount = '12500.00';
    const findings = await findingsOf(c);
    expect(budget(findings)).toEqual([
      expected('changeorder.mismatch', { document: 'PCCO-001', pm: '12000.00', erp: '12500.00' }),
    ]);
    expect(findings[0]!.message).toContain('the contract (revenue) change differs');
  });

  it('a change-order difference is reported on the line that differs', async () => {
    const c = cleanCompany();
    const co = row(c, 'erp', 'change_orders', 'change_order_id', 'EC1');
    co.contract_amount = '12500.00';
    co.kind = 'budget';
    row(c, 'pm', 'change_orders', 'change_order_id', 'PCO1').kind = 'budget';
    row(c, 'erp', 'change_orders', 'change_order_id', 'EC1').cost_amount = '10500.00';
    row(c, 'erp', 'change_order_lines', 'change_order_id', 'EC1').amount = '10500.00';
    const findings = await findingsOf(c);
    expect(findings.filter((f) => f.check === 'changeorder.mismatch').map(brief)).toEqual([
      expected('changeorder.mismatch', {
        document: 'PCCO-001',
        costCode: '9250',
        costType: 'subcontract',
        pm: '10000.00',
        erp: '10500.00',
      }),
    ]);
  });

  it('an ERP budget locked after export: budget_not_updated for the change order, budget.mismatch on its line', async () => {
    const c = cleanCompany();
    const line = row(c, 'erp', 'budget_lines', 'cost_code', '9250');
    line.approved_changes = '0.00';
    line.revised_budget = '200000.00';
    const findings = await findingsOf(c);
    expect(budget(findings)).toEqual([
      expected('budget.mismatch', {
        costCode: '9250',
        costType: 'subcontract',
        pm: '210000.00',
        erp: '200000.00',
      }),
      expected('changeorder.budget_not_updated', { document: 'PCCO-001', pm: '10000.00', erp: '0.00' }),
    ]);
    expect(findings[1]!.message).toContain('did not take $10,000.00 of it on cost code(s) 09-250');
  });

  it('a change order missing from the ERP is not also budget_not_updated', async () => {
    const c = cleanCompany();
    c.erp.change_orders = [];
    const line = row(c, 'erp', 'budget_lines', 'cost_code', '9250');
    line.approved_changes = '0.00';
    line.revised_budget = '200000.00';
    expect((await findingsOf(c)).map((f) => f.check)).toEqual(['budget.mismatch', 'changeorder.missing']);
  });
});

describe('commitments', () => {
  it('an approved subcontract absent from the ERP is commitment.missing', async () => {
    const c = cleanCompany();
    remove(c, 'erp', 'commitments', 'commitment_id', 'EK1');
    remove(c, 'erp', 'commitment_lines', 'commitment_id', 'EK1');
    expect(budget(await findingsOf(c))).toEqual([
      expected('commitment.missing', { document: 'SC-001', pm: '200000.00' }),
    ]);
  });

  it('a void ERP counterpart is no counterpart', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'commitments', 'commitment_id', 'EK1').status = 'void';
    expect(budget(await findingsOf(c))).toEqual([
      expected('commitment.missing', { document: 'SC-001', pm: '200000.00' }),
    ]);
  });

  it('a draft Procore purchase order not yet exported is nothing', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'commitments').push({
      commitment_id: 'PC9',
      job_id: 'P1',
      number: 'PO-009',
      kind: 'purchase_order',
      status: 'draft',
      original_amount: '4000.00',
    });
    expect(budget(await findingsOf(c))).toEqual([]);
  });

  it('a subcontract revised on one side is commitment.mismatch on its line', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'commitments', 'commitment_id', 'EK1').revised_amount = '210000.00';
    row(c, 'erp', 'commitment_lines', 'commitment_id', 'EK1').amount = '210000.00';
    expect(budget(await findingsOf(c))).toEqual([
      expected('commitment.mismatch', {
        document: 'SC-001',
        costCode: '9250',
        costType: 'subcontract',
        pm: '200000.00',
        erp: '210000.00',
      }),
    ]);
  });

  it('a commitment difference within tolerance is nothing', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'commitments', 'commitment_id', 'EK1').revised_amount = '200000.75';
    expect(budget(await findingsOf(c))).toEqual([]);
  });
});
