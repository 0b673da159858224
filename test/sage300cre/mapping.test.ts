/**
 * The Sage 300 CRE connector on rows written by hand as the Timberline Data driver shows them (money as
 * floating point), not rendered from a canonical dataset: every expected value is worked out from the INSERTs
 * below, with the arithmetic in comments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sage300creConnector } from '../../connectors/sage300cre/connector.ts';
import { SAGE300_SANDBOX_DSN, Sage300Sandbox } from '../../connectors/sage300cre/sandbox/index.ts';
import { drain, sorted } from '../sage100c/support.ts';

const ROWS = `
INSERT INTO JCM_MASTER__JOB (Job, Description, Status, Original_Contract_Amount, Actual_Start_Date) VALUES
  ('24-001', 'Harbor Clinic', 'In Progress', 500000.1, '2024-03-04'), ('24-002', 'Pier Garage', 'Complete', 0, NULL);
INSERT INTO JCM_MASTER__COST_CODE (Job, Extra, Cost_Code, Description) VALUES
  ('24-001', '', '03-300', 'Concrete'), ('24-001', '2', '03-300', 'Concrete (phase 2)');
INSERT INTO JCM_MASTER__CATEGORY (Job, Extra, Cost_Code, Category, Original_Estimate, Approved_Estimate_Changes, Total_Estimate, Pending_Estimate_Changes, Revised_Commitment) VALUES
  ('24-001', '', '03-300', 'L', 0.1, 0.2, 0.3, NULL, 0),
  ('24-001', '2', '03-300', 'L', 0.2, 0.1, 0.3, NULL, 0),
  ('24-001', '', '03-300', 'PRM', 1500, 0, 1500, 250.5, NULL);
INSERT INTO JCT_CURRENT__TRANSACTION (Row_ID, Job, Cost_Code, Category, Transaction_Type, Transaction_Date, Amount, Vendor, Invoice) VALUES
  (1, '24-001', '03-300', 'L', 'PR cost', '2024-04-05', 812.4, NULL, NULL),
  (2, '24-001', '03-300', 'S', 'AP cost', '2024-04-12', 1500, 'KEY100', 'A-77'),
  (3, '24-001', '03-300', 'L', 'JC estimate', '2024-04-12', 9999, NULL, NULL);
INSERT INTO APM_MASTER__INVOICE (Vendor, Invoice, Status, Invoice_Date, Accounting_Date) VALUES
  ('KEY100', 'A-77', 'Fully paid', '2024-04-12', '2024-04-30');
INSERT INTO APM_MASTER__DISTRIBUTION (Vendor, Invoice, Dist_Seq, Job, Cost_Code, Category, Commitment, Amount, Retainage, Retainage_Paid) VALUES
  ('KEY100', 'A-77', 1, '24-001', '03-300', 'S', 'SC-1', 1000.1, 100.01, 0),
  ('KEY100', 'A-77', 2, '24-001', '03-310', 'S', 'SC-1', 499.9, 49.99, 50),
  ('KEY100', 'A-77', 3, '24-002', '01-100', 'O', NULL, 0.3, 0, 0);
INSERT INTO ART_CURRENT__TRANSACTION (Job, Invoice, Transaction_Type, Accounting_Date, Amount, Retainage) VALUES
  ('24-001', '1001', 'Invoice', '2024-04-30', 10000.1, 1000.01),
  ('24-001', '1001', 'Invoice', '2024-04-30', 0.2, 0.02),
  ('24-001', NULL, 'Cash receipt', '2024-05-10', -9000, 0);
`;

let sandbox: Sage300Sandbox;
beforeEach(async () => {
  sandbox = await Sage300Sandbox.empty();
  await sandbox.con.run(ROWS);
});
afterEach(() => sandbox.close());

const read = () =>
  drain(
    sage300creConnector({
      open: () => sandbox.connect(SAGE300_SANDBOX_DSN),
      categories: { L: 'labor', S: 'subcontract', O: 'other' },
      where: 'test',
      location: 'test',
    }),
  );

describe('Sage 300 CRE rows as the driver shows them', () => {
  it('jobs, and a prime contract only where the job has a contract amount', async () => {
    const t = await read();
    expect(sorted(t.jobs).map((j) => [j.job_id, j.status, j.start_date])).toEqual([
      ['24-001', 'open', '2024-03-04'],
      ['24-002', 'completed', null],
    ]);
    expect(t.prime_contracts!.map((c) => [c.contract_id, c.original_amount])).toEqual([
      ['24-001', '500000.10'],
    ]);
  });

  it('budget lines summed over extras in decimals, not floating point; a custom category kept', async () => {
    const t = await read();
    expect(
      sorted(t.budget_lines).map((b) => [
        b.cost_type,
        b.original_budget,
        b.approved_changes,
        b.revised_budget,
        b.pending_changes,
        b.committed_cost,
      ]),
    ).toEqual([
      // 0.1 + 0.2 = 0.30 (not 0.30000000000000004); 0.2 + 0.1 = 0.30; 0.3 + 0.3 = 0.60; 0 + 0 = 0.00
      ['labor', '0.30', '0.30', '0.60', null, '0.00'],
      ['prm', '1500.00', '0.00', '1500.00', '250.50', null],
    ]);
    // One cost code per job, whatever its extras.
    expect(t.cost_codes!.map((c) => [c.job_id, c.code])).toEqual([['24-001', '03-300']]);
  });

  it('job cost: actual-cost types only, the AP invoice named Vendor/Job/Invoice', async () => {
    const t = await read();
    expect(
      sorted(t.cost_transactions).map((c) => [c.transaction_id, c.amount, c.source, c.invoice_id]),
    ).toEqual([
      ['1', '812.40', 'payroll', null],
      ['2', '1500.00', 'ap', 'KEY100/24-001/A-77'],
    ]);
  });

  it('one invoice over two jobs is two payables, amounts and retainage from their distributions', async () => {
    const t = await read();
    expect(
      sorted(t.payables).map((p) => [
        p.invoice_id,
        p.job_id,
        p.commitment_id,
        p.status,
        p.period_end,
        p.gross_amount,
        p.retainage_held,
        p.retainage_released,
      ]),
    ).toEqual([
      // 1,000.10 + 499.90 = 1,500.00; retainage 100.01 + 49.99 = 150.00; released 0 + 50 = 50.00
      ['KEY100/24-001/A-77', '24-001', '24-001/SC-1', 'paid', '2024-04-30', '1500.00', '150.00', '50.00'],
      ['KEY100/24-002/A-77', '24-002', null, 'paid', '2024-04-30', '0.30', '0.00', '0.00'],
    ]);
    expect(t.payable_lines).toHaveLength(3);
  });

  it('owner billings: invoice rows summed per job and invoice, receipts left out', async () => {
    const t = await read();
    // 10,000.10 + 0.20 = 10,000.30; retainage 1,000.01 + 0.02 = 1,000.03
    expect(t.billings!.map((b) => [b.billing_id, b.billed_amount, b.retainage_held, b.period_end])).toEqual([
      ['24-001/1001', '10000.30', '1000.03', '2024-04-30'],
    ]);
  });
});
