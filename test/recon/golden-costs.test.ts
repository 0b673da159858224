/** Golden cases: invoices, retainage, job cost (voids and reversals), approvals and forecasts. */
import { describe, expect, it } from 'vitest';
import { brief, cleanCompany, cost, expected, findingsOf, remove, row, rows } from './company.ts';

const briefs = async (c: ReturnType<typeof cleanCompany>, settings = {}) =>
  (await findingsOf(c, settings)).map(brief);

describe('invoices', () => {
  it('an approved Procore invoice never posted in the ERP is invoice.missing (and job cost is short)', async () => {
    const c = cleanCompany();
    remove(c, 'erp', 'payables', 'invoice_id', 'EI1');
    remove(c, 'erp', 'cost_transactions', 'transaction_id', 'ET3');
    expect(await briefs(c)).toEqual([
      expected('invoice.missing', { document: 'APX-1001', pm: '50000.00' }),
      expected('jobcost.mismatch', {
        costCode: '09-250',
        costType: 'subcontract',
        pm: '50000.00',
        erp: '0.00',
      }),
      expected('retainage.mismatch', { document: 'SC-001', pm: '5000.00', erp: '0.00' }),
    ]);
  });

  it('an AP invoice still pending in the ERP is not posted', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'payables', 'invoice_id', 'EI1').status = 'pending';
    row(c, 'erp', 'cost_transactions', 'transaction_id', 'ET3').status = 'pending';
    const findings = await findingsOf(c);
    expect(findings.map((f) => f.check)).toEqual([
      'invoice.missing',
      'jobcost.mismatch',
      'retainage.mismatch',
    ]);
    expect(findings[0]!.message).toContain('(it is pending there)');
  });

  it('a void Procore invoice with no ERP invoice is nothing', async () => {
    const c = cleanCompany();
    rows(c, 'pm', 'payables').push({
      invoice_id: 'PI9',
      job_id: 'P1',
      number: 'APX-1009',
      vendor_id: 'PV1',
      status: 'void',
      gross_amount: '900.00',
    });
    expect(await briefs(c)).toEqual([]);
  });

  it('an AP invoice posted against a linked subcontract with no Procore invoice is invoice.missing', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'payables').push({
      invoice_id: 'EI2',
      job_id: 'E1',
      number: 'APX-1002',
      vendor_id: 'V100',
      commitment_id: 'EK1',
      status: 'posted',
      gross_amount: '1000.00',
    });
    const findings = await findingsOf(c);
    expect(findings.map(brief)).toEqual([
      expected('invoice.missing', { document: 'APX-1002', erp: '1000.00' }),
    ]);
    expect(findings[0]!.message).toContain('against commitment SC-1');
  });

  it('an invoice amount that differs is invoice.mismatch', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'payables', 'invoice_id', 'EI1').gross_amount = '50500.00';
    expect(await briefs(c)).toEqual([
      expected('invoice.mismatch', { document: 'APX-1001', pm: '50000.00', erp: '50500.00' }),
    ]);
  });

  it('the same invoice entered twice in the ERP is invoice.duplicate (retainage doubled), not missing', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'payables').push({
      ...row(c, 'erp', 'payables', 'invoice_id', 'EI1'),
      invoice_id: 'EI1B',
    });
    expect(await briefs(c)).toEqual([
      expected('invoice.duplicate', { document: 'APX1001', erp: '100000.00' }),
      expected('retainage.mismatch', { document: 'SC-001', pm: '5000.00', erp: '10000.00' }),
    ]);
  });

  it('a duplicate whose extra copy was voided is nothing', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'payables').push({
      ...row(c, 'erp', 'payables', 'invoice_id', 'EI1'),
      invoice_id: 'EI1B',
      status: 'void',
    });
    expect(await briefs(c)).toEqual([]);
  });
});

describe('retainage.mismatch', () => {
  it('retainage held differently on the same invoice is reported per commitment', async () => {
    const c = cleanCompany();
    row(c, 'erp', 'payables', 'invoice_id', 'EI1').retainage_held = '2500.00';
    expect(await briefs(c)).toEqual([
      expected('retainage.mismatch', { document: 'SC-001', pm: '5000.00', erp: '2500.00' }),
    ]);
  });

  it('retainage released on both sides nets to nothing held', async () => {
    const c = cleanCompany();
    row(c, 'pm', 'payables', 'invoice_id', 'PI1').retainage_released = '5000.00';
    row(c, 'erp', 'payables', 'invoice_id', 'EI1').retainage_released = '5000.00';
    expect(await briefs(c)).toEqual([]);
  });
});

describe('jobcost.mismatch', () => {
  it('posted ERP cost beyond Procore job-to-date is a finding on its line', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'cost_transactions').push(
      cost('ET9', 'E1', '3300', 'labor', '500.00', 'posted', 'payroll'),
    );
    expect(await briefs(c)).toEqual([
      expected('jobcost.mismatch', { costCode: '3300', costType: 'labor', pm: '20000.00', erp: '20500.00' }),
    ]);
  });

  it('a cent-level rounding difference is within tolerance', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'cost_transactions').push(cost('ET9', 'E1', '3300', 'labor', '0.99', 'posted', 'payroll'));
    expect(await briefs(c)).toEqual([]);
  });

  it('a voided AP cost and its reversal count as nothing, whichever way the ERP records the void', async () => {
    const c = cleanCompany();
    const costs = rows(c, 'erp', 'cost_transactions');
    costs.push(cost('EV1', 'E1', '3300', 'material', '1200.00', 'void', 'ap'));
    costs.push(cost('EV1R', 'E1', '3300', 'material', '-1200.00', 'posted', 'ap'));
    costs.push(cost('EV2', 'E1', '3300', 'material', '700.00', 'posted', 'ap'));
    costs.push(cost('EV2R', 'E1', '3300', 'material', '-700.00', 'posted', 'ap'));
    costs.push(cost('EV3', 'E1', '3300', 'material', '300.00', 'void', 'ap'));
    expect(await briefs(c)).toEqual([]);
  });

  it('pending ERP cost does not count', async () => {
    const c = cleanCompany();
    rows(c, 'erp', 'cost_transactions').push(
      cost('ET9', 'E1', '3300', 'labor', '500.00', 'pending', 'payroll'),
    );
    expect(await briefs(c)).toEqual([]);
  });

  it('a Procore invoice without lines is spread over its subcontract lines', async () => {
    const c = cleanCompany();
    c.pm.payable_lines = [];
    expect(await briefs(c)).toEqual([]);
  });

  it('the pro-rata spread is exact to the cent', async () => {
    const c = cleanCompany();
    c.pm.payable_lines = [];
    row(c, 'pm', 'commitment_lines', 'commitment_id', 'PC1').amount = '133333.33';
    rows(c, 'pm', 'commitment_lines').push({
      commitment_id: 'PC1',
      line_id: '2',
      cost_code: '03-300',
      cost_type: 'material',
      amount: '66666.67',
    });
    const findings = await findingsOf(c);
    expect(findings.map((f) => [f.costCode, f.pmAmount, f.erpAmount])).toEqual([
      ['3300', '24666.67', '8000.00'],
      ['9250', '33333.33', '50000.00'],
    ]);
  });

  it('ERP job cost without cost types is compared per cost code', async () => {
    const c = cleanCompany();
    for (const r of rows(c, 'erp', 'cost_transactions')) r.cost_type = 'other';
    expect(await briefs(c)).toEqual([]);
  });
});

describe('approvals', () => {
  const waiting = (approver: string | null, submitted: string) => ({
    item_id: 'Q1',
    job_id: 'P1',
    item_type: 'invoice',
    record_id: 'PI1',
    item_number: 'APX-1001',
    submitted_date: submitted,
    status: 'waiting',
    approver,
  });

  it('an item waiting with no accounting approver is approval.no_approver', async () => {
    const c = cleanCompany();
    c.pm.sync_queue = [waiting(null, '2026-10-30')];
    expect(await briefs(c)).toEqual([expected('approval.no_approver', { document: 'APX-1001' })]);
  });

  it('an item waiting 31 days for its approver is approval.stale', async () => {
    const c = cleanCompany();
    c.pm.sync_queue = [waiting('Dana Ruiz', '2026-10-01')];
    const findings = await findingsOf(c);
    expect(findings.map(brief)).toEqual([expected('approval.stale', { document: 'APX-1001' })]);
    expect(findings[0]!.message).toContain('waited 31 days');
  });

  it('an item waiting 3 days is not stale yet', async () => {
    const c = cleanCompany();
    c.pm.sync_queue = [waiting('Dana Ruiz', '2026-10-29')];
    expect(await briefs(c)).toEqual([]);
  });
});

describe('forecast.overrun', () => {
  it('an estimate at completion above the revised budget warns on the line and for the job', async () => {
    const c = cleanCompany();
    row(c, 'pm', 'budget_lines', 'cost_code', '09-250').estimated_cost_at_completion = '230000.00';
    const findings = await findingsOf(c);
    expect(findings.map(brief)).toEqual([
      expected('forecast.overrun', { pm: '230000.00' }),
      expected('forecast.overrun', { costCode: '09-250', costType: 'subcontract', pm: '230000.00' }),
    ]);
    expect(findings[1]!.difference).toBe('20000.00');
    expect(findings[1]!.message).toBe(
      'Estimated cost at completion for job 2024-017 Riverside Clinic, cost code 09-250 subcontract is $230,000.00 in Procore, above the revised budget of $210,000.00 by $20,000.00.',
    );
  });

  it('the job as a whole is flagged when its estimated lines together overrun', async () => {
    const c = cleanCompany();
    row(c, 'pm', 'budget_lines', 'cost_code', '09-250').estimated_cost_at_completion = '230000.00';
    row(c, 'pm', 'budget_lines', 'cost_type', 'labor').estimated_cost_at_completion = '90000.00';
    const checks = (await findingsOf(c)).map((f) => [f.check, f.costCode, f.difference]);
    expect(checks).toEqual([
      ['forecast.overrun', null, '10000.00'],
      ['forecast.overrun', '09-250', '20000.00'],
    ]);
  });
});
