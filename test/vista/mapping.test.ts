/**
 * The Vista connector on rows written by hand as Vista holds them (not rendered from a canonical dataset):
 * every expected value below is worked out from the INSERTs in this file, with the arithmetic in comments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vistaConnector } from '../../connectors/vista/connector.ts';
import {
  VISTA_SANDBOX_DATABASE,
  VISTA_SANDBOX_LOGIN,
  VistaSandbox,
} from '../../connectors/vista/sandbox/index.ts';
import { drain, sorted } from '../sage100c/support.ts';

const ROWS = `
INSERT INTO dbo.APCO (APCo, RetPayType) VALUES (1, 2);
INSERT INTO dbo.JCJM (JCCo, Job, Description, Contract, JobStatus) VALUES
  (1, '24-001', 'Harbor Clinic', '24-001', 2), (1, '24-002', 'Pier Garage', NULL, 0);
INSERT INTO dbo.JCCM (JCCo, Contract, ContractStatus, OrigContractAmt, StartDate) VALUES (1, '24-001', 1, 500000.00, '2024-03-04');
INSERT INTO dbo.JCCT (PhaseGroup, CostType, Description) VALUES (1, 1, 'Labor'), (1, 7, 'Permits');
INSERT INTO dbo.JCCH (JCCo, Job, PhaseGroup, Phase, CostType, OrigCost, LastProjDate) VALUES
  (1, '24-001', 1, '03-300-', 1, 10000.00, NULL), (1, '24-001', 1, '03-300-', 7, 2000.00, '2024-06-30');
INSERT INTO dbo.JCCP (JCCo, Job, PhaseGroup, Phase, CostType, Mth, OrigEstCost, CurrEstCost, TotalCmtdCost, ProjCost) VALUES
  (1, '24-001', 1, '03-300-', 1, '2024-03-01', 10000.00, 10000.00, 0.00, 0.00),
  (1, '24-001', 1, '03-300-', 1, '2024-04-01', 0.00, 2500.00, 45000.00, 0.00),
  (1, '24-001', 1, '03-300-', 7, '2024-03-01', 2000.00, 2000.00, 0.00, 2100.50),
  (1, '24-001', 1, '03-300-', 7, '2024-05-01', 0.00, 0.00, 0.00, 150.25);
INSERT INTO dbo.JCCD (JCCo, Mth, CostTrans, Job, PhaseGroup, Phase, CostType, ActualDate, JCTransType, ReversalStatus, ActualCost, EstCost, Vendor, APTrans, KeyID) VALUES
  (1, '2024-03-01', 1, '24-001', 1, '03-300-', 1, '2024-03-01', 'OE', 0, 0.00, 10000.00, NULL, NULL, 11),
  (1, '2024-04-01', 1, '24-001', 1, '03-300-', 1, '2024-04-12', 'AP', 0, 1500.00, 0.00, 1000, 7, 12),
  (1, '2024-04-01', 2, '24-001', 1, '03-300-', 7, '2024-04-02', 'PO', 0, 0.00, 0.00, 1000, NULL, 13),
  (1, '2024-04-01', 3, '24-001', 1, '03-300-', 7, '2024-04-20', 'PO', 0, 320.00, 0.00, 1000, NULL, 14),
  (1, '2024-04-01', 4, '24-001', 1, '03-300-', 1, '2024-04-26', 'PR', 2, 800.00, 0.00, NULL, NULL, 15),
  (1, '2024-04-01', 5, '24-001', 1, '03-300-', 1, '2024-04-03', 'SL', 0, 0.00, 0.00, 1000, NULL, 16);
INSERT INTO dbo.APVM (VendorGroup, Vendor, Name, ActiveYN) VALUES (1, 1000, 'Keystone Concrete', 'N');
INSERT INTO dbo.APTH (APCo, Mth, APTrans, Vendor, APRef, InvDate, InvTotal) VALUES (1, '2024-04-01', 7, 1000, 'INV-88', '2024-04-12', 1500.00);
INSERT INTO dbo.APTL (APCo, Mth, APTrans, APLine, Job, PhaseGroup, Phase, JCCType, SL, GrossAmt, Retainage) VALUES
  (1, '2024-04-01', 7, 1, '24-001', 1, '03-300-', 1, 'SL-24-001-01', 1500.00, 150.00);
INSERT INTO dbo.APTD (APCo, Mth, APTrans, APLine, APSeq, PayType, Amount, Status) VALUES
  (1, '2024-04-01', 7, 1, 1, 1, 1350.00, 3), (1, '2024-04-01', 7, 1, 2, 2, 150.00, 2);
INSERT INTO dbo.SLHD (SLCo, SL, Job, Vendor, Status, OrigDate) VALUES (1, 'SL-24-001-01', '24-001', 1000, 0, '2024-03-10');
INSERT INTO dbo.SLIT (SLCo, SL, SLItem, ItemType, Job, PhaseGroup, Phase, JCCType, OrigCost, CurCost, WCRetPct) VALUES
  (1, 'SL-24-001-01', 1, 1, '24-001', 1, '03-300-', 1, 40000.00, 45000.00, 0.1000),
  (1, 'SL-24-001-01', 2, 2, '24-001', 1, '03-300-', 1, 0.00, 5000.00, 0.1000);
INSERT INTO dbo.PMOH (PMCo, Project, ACO, ApprovalDate) VALUES (1, '24-001', '3', '2024-05-02');
INSERT INTO dbo.PMOI (PMCo, Project, PCOType, PCO, PCOItem, ACO, ACOItem, Status, Approved, ApprovedDate, ApprovedAmt, PendingAmount, KeyID) VALUES
  (1, '24-001', 'OWNER', '5', '1', '3', '1', 'A', 'Y', '2024-05-02', 6000.00, NULL, 1),
  (1, '24-001', 'OWNER', '5', '2', '3', '2', 'A', 'Y', '2024-05-02', 1500.00, NULL, 2),
  (1, '24-001', 'SUB', '6', '1', NULL, NULL, 'PENDING', 'N', NULL, NULL, 900.00, 3);
INSERT INTO dbo.PMOL (PMCo, Project, PCO, ACO, PhaseGroup, Phase, CostType, EstCost, Subcontract, KeyID) VALUES
  (1, '24-001', '5', '3', 1, '03-300-', 1, 4000.00, NULL, 1),
  (1, '24-001', '5', '3', 1, '03-300-', 7, 1000.00, NULL, 2),
  (1, '24-001', '6', NULL, 1, '03-300-', 1, 900.00, 'SL-24-001-01', 3);
INSERT INTO dbo.ARTH (ARCo, Mth, ARTrans, ARTransType, JCCo, Contract, Invoice) VALUES
  (1, '2024-04-01', 21, 'I', 1, '24-001', '1001'), (1, '2024-05-01', 22, 'P', 1, '24-001', NULL);
INSERT INTO dbo.ARTL (ARCo, Mth, ARTrans, ARLine, Amount, TaxAmount, Retainage) VALUES
  (1, '2024-04-01', 21, 1, 10500.00, 500.00, 1000.00), (1, '2024-04-01', 21, 2, 2000.00, 0.00, 200.00),
  (1, '2024-05-01', 22, 1, -9000.00, 0.00, 0.00);
`;

let sandbox: VistaSandbox;
beforeEach(async () => {
  sandbox = await VistaSandbox.empty();
  await sandbox.con.run(ROWS);
});
afterEach(() => sandbox.close());

const read = () =>
  drain(
    vistaConnector({
      open: () => sandbox.connect({ database: VISTA_SANDBOX_DATABASE, ...VISTA_SANDBOX_LOGIN }),
      mapping: { company: 1, vendorGroup: 1, costTypes: { '1': 'labor' } },
      location: 'test',
      errorContext: {
        server: 'sandbox',
        database: VISTA_SANDBOX_DATABASE,
        user: 'tieout_reader',
        appName: 'tieout-vista',
      },
    }),
  );

describe('Vista rows as Vista keeps them', () => {
  it('jobs and their contract: JobStatus 2 completed, 0 open; the contract on its job', async () => {
    const t = await read();
    expect(sorted(t.jobs).map((j) => [j.job_id, j.status])).toEqual([
      ['24-001', 'completed'],
      ['24-002', 'open'],
    ]);
    expect(t.prime_contracts).toEqual([
      {
        contract_id: '24-001',
        linked_id: null,
        job_id: '24-001',
        number: '24-001',
        status: 'approved',
        original_amount: '500000.00',
        executed_date: '2024-03-04',
      },
    ]);
  });

  it('budget lines: header original, current estimate summed, projections only where run', async () => {
    const t = await read();
    expect(
      sorted(t.budget_lines).map((b) => [
        b.cost_type,
        b.original_budget,
        b.revised_budget,
        b.committed_cost,
        b.estimated_cost_at_completion,
      ]),
    ).toEqual([
      // 10,000.00 + 2,500.00 = 12,500.00 revised; committed 0.00 + 45,000.00; no LastProjDate → no estimate at completion
      ['labor', '10000.00', '12500.00', '45000.00', null],
      // cost type 7 named by JCCT ("Permits"); 2,100.50 + 150.25 = 2,250.75 projected
      ['permits', '2000.00', '2000.00', '0.00', '2250.75'],
    ]);
  });

  it('job cost: actual-cost rows only (not OE, not PO/SL entries of 0), a reversal void', async () => {
    const t = await read();
    expect(
      sorted(t.cost_transactions).map((c) => [
        c.transaction_id,
        c.amount,
        c.source,
        c.status,
        c.invoice_id,
        c.cost_type,
      ]),
    ).toEqual([
      ['12', '1500.00', 'ap', 'posted', '7', 'labor'],
      ['14', '320.00', 'ap', 'posted', null, 'permits'],
      ['15', '800.00', 'payroll', 'void', null, 'labor'],
    ]);
  });

  it('an AP invoice: job and subcontract from its line, paid once its non-retainage sequences are, retainage on hold', async () => {
    const t = await read();
    expect(t.payables).toEqual([
      {
        invoice_id: '7',
        linked_id: null,
        job_id: '24-001',
        number: 'INV-88',
        vendor_id: '1000',
        commitment_id: '24-001/SL-24-001-01',
        invoice_date: '2024-04-12',
        period_end: '2024-04-30',
        status: 'paid',
        gross_amount: '1500.00',
        retainage_held: '150.00',
        retainage_released: null,
        net_amount: null,
      },
    ]);
    expect(t.payable_lines).toEqual([
      {
        invoice_id: '7',
        line_id: '1',
        cost_code: '03-300-',
        cost_type: 'labor',
        amount: '1500.00',
        retainage_held: '150.00',
      },
    ]);
  });

  it('retainage released once its pay sequence is paid', async () => {
    await sandbox.con.run('UPDATE dbo.APTD SET Status = 3 WHERE APSeq = 2');
    const t = await read();
    expect(t.payables![0]!.retainage_released).toBe('150.00');
  });

  it('AP numbers that repeat across months: every id carries its month, the cost its invoice month', async () => {
    await sandbox.con.run(
      "INSERT INTO dbo.APTH (APCo, Mth, APTrans, Vendor, APRef, InvDate, InvTotal) VALUES (1, '2024-05-01', 7, 1000, 'INV-91', '2024-05-06', 400.00)",
    );
    await sandbox.con.run(
      "INSERT INTO dbo.APTL (APCo, Mth, APTrans, APLine, Job, PhaseGroup, Phase, JCCType, GrossAmt, Retainage) VALUES (1, '2024-05-01', 7, 1, '24-002', 1, '01-100', 1, 400.00, 0.00)",
    );
    const t = await read();
    expect(sorted(t.payables).map((p) => [p.invoice_id, p.number])).toEqual([
      ['2024-04/7', 'INV-88'],
      ['2024-05/7', 'INV-91'],
    ]);
    expect(t.cost_transactions!.find((c) => c.transaction_id === '12')!.invoice_id).toBe('2024-04/7');
  });

  it('a subcontract: items summed, retainage from the work-completed rate', async () => {
    const t = await read();
    // original 40,000.00 + 0.00; revised 45,000.00 + 5,000.00 = 50,000.00; WCRetPct 0.1 = 10 %
    expect(
      t.commitments!.map((c) => [
        c.commitment_id,
        c.kind,
        c.status,
        c.original_amount,
        c.revised_amount,
        c.retainage_percent,
      ]),
    ).toEqual([['24-001/SL-24-001-01', 'subcontract', 'approved', '40000.00', '50000.00', '10']]);
  });

  it('change orders: approved by ACO with its items summed, pending by PCO with its subcontract', async () => {
    const t = await read();
    expect(
      sorted(t.change_orders).map((o) => [
        o.change_order_id,
        o.kind,
        o.status,
        o.approved_date,
        o.contract_amount,
        o.cost_amount,
        o.commitment_id,
      ]),
    ).toEqual([
      // 6,000.00 + 1,500.00 = 7,500.00 revenue; 4,000.00 + 1,000.00 = 5,000.00 cost
      ['24-001/3', 'prime', 'approved', '2024-05-02', '7500.00', '5000.00', null],
      ['24-001/6', 'commitment', 'pending', null, null, '900.00', '24-001/SL-24-001-01'],
    ]);
  });

  it('owner billing: invoices only, lines summed less tax, job through the contract', async () => {
    const t = await read();
    // 10,500.00 + 2,000.00 − 500.00 tax = 12,000.00; retainage 1,000.00 + 200.00 = 1,200.00; the payment (P) is not a billing
    expect(t.billings).toEqual([
      {
        billing_id: '21',
        linked_id: null,
        job_id: '24-001',
        number: '1001',
        period_end: '2024-04-30',
        billed_amount: '12000.00',
        retainage_held: '1200.00',
        retainage_released: null,
        status: 'posted',
      },
    ]);
  });

  it('vendors: ActiveYN N is inactive', async () => {
    const t = await read();
    expect(t.vendors).toEqual([
      { vendor_id: '1000', linked_id: null, name: 'Keystone Concrete', status: 'inactive' },
    ]);
  });
});
