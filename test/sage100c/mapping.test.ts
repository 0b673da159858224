/** Each Sage table's mapping, on the fixture dataset rendered into the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../connectors/canonical/duckdb.ts';
import type { SageSandbox } from '../../connectors/sage100c/sandbox/index.ts';
import { connectorFor, fixtureSandbox } from './sandbox.ts';
import { drain, type Row, type Tables } from './support.ts';

let sandbox: SageSandbox;
let rollup: Tables & { refs: Map<string, string> };
let split: Tables;

const one = (rows: Row[] | undefined, match: Row) =>
  rows?.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v)) ?? [];
const sage = (sql: string) => queryRows(sandbox.con, sql);

beforeAll(async () => {
  sandbox = await fixtureSandbox();
  rollup = await drain(connectorFor(sandbox));
  split = await drain(connectorFor(sandbox, { phases: 'split', costCodes: 'keep' }));
});
afterAll(() => sandbox.close());

describe('jobs, contracts, vendors and cost codes', () => {
  it('a job is its Job# with status Current/Complete mapped to open/completed', () => {
    expect(one(rollup.jobs, { job_id: '1019' })).toEqual([
      {
        job_id: '1019',
        linked_id: null,
        number: '1019',
        name: 'Harbor Warehouse',
        status: 'completed',
        start_date: '2025-06-01',
        completion_date: '2026-09-30',
      },
    ]);
  });
  it('the job contract becomes the prime contract', () => {
    expect(one(rollup.prime_contracts, { job_id: '1017' })[0]).toMatchObject({
      number: 'PC-1017',
      original_amount: '2400000.00',
    });
  });
  it('cost codes lose trailing zeros under the trim rule and keep three decimals under keep', () => {
    expect(rollup.cost_codes?.map((c) => c.code).sort()).toEqual(['1000', '16100', '3300', '9.1']);
    expect(split.cost_codes?.map((c) => c.code).sort()).toEqual([
      '1000.000',
      '16100.000',
      '3300.000',
      '9.100',
    ]);
  });
  it('every record names the Sage row it came from', () => {
    const job = rollup.jobs!.find((j) => j.job_id === '1017')!;
    expect(rollup.refs.get(`jobs:${JSON.stringify(job)}`)).toBe('actrec recnum 1017');
  });
});

describe('budgets', () => {
  it('one bdglin row carries a money column per cost type', async () => {
    const [line] = await sage(
      'SELECT subbdg, matbdg, suborg FROM dbo.bdglin WHERE recnum = 1017 AND cstcde = 3300',
    );
    expect(line).toEqual({ subbdg: '475000.00', matbdg: '80000.00', suborg: '450000.00' });
  });
  it('unpivots into a line per cost type with approved changes = current − original', () => {
    expect(one(rollup.budget_lines, { job_id: '1017', cost_code: '3300' })).toHaveLength(2);
    expect(
      one(rollup.budget_lines, { job_id: '1017', cost_code: '3300', cost_type: 'subcontract' })[0],
    ).toMatchObject({
      original_budget: '450000.00',
      approved_changes: '25000.00',
      revised_budget: '475000.00',
    });
  });
  it('user-defined cost types 6–9 keep their number', () => {
    expect(one(rollup.budget_lines, { job_id: '1018', cost_type: '7' })[0]).toMatchObject({
      cost_code: '9.1',
      revised_budget: '15000.00',
    });
  });
});

describe('phases', () => {
  it('a phased job is spread over two phases in Sage', async () => {
    const rows = await sage('SELECT DISTINCT phsnum FROM dbo.bdglin WHERE recnum = 1019 ORDER BY phsnum');
    expect(rows.map((r) => r.phsnum)).toEqual(['1', '2']);
  });
  it('rolled up, phases add back to the job total to the cent', () => {
    expect(one(rollup.budget_lines, { job_id: '1019', cost_code: '3300' })[0]).toMatchObject({
      original_budget: '400000.01',
      revised_budget: '410000.01',
    });
  });
  it('kept, each phase is its own cost-code prefix', () => {
    const phased = one(split.budget_lines, { job_id: '1019', cost_type: 'subcontract' }).map((b) => [
      b.cost_code,
      b.original_budget,
    ]);
    expect(phased.sort()).toEqual([
      ['1-3300.000', '200000.01'],
      ['2-3300.000', '200000.00'],
    ]);
    expect(one(split.cost_transactions, { transaction_id: '9911' })[0]!.cost_code).toMatch(
      /^[12]-16100\.000$/,
    );
  });
});

describe('job cost', () => {
  it('a voided payroll entry stays in job cost as void, not dropped', () => {
    expect(one(rollup.cost_transactions, { transaction_id: '9907' })[0]).toMatchObject({
      status: 'void',
      source: 'payroll',
      amount: '18250.50',
    });
  });
  it('an AP cost finds its invoice through the shared ledger transaction', () => {
    expect(one(rollup.cost_transactions, { transaction_id: '9901' })[0]).toMatchObject({
      invoice_id: '801',
      vendor_id: '2001',
      source: 'ap',
    });
  });
  it('reclasses between jobs keep their sign', () => {
    expect(one(rollup.cost_transactions, { transaction_id: '9908' })[0]).toMatchObject({
      amount: '-1250.00',
      source: 'journal',
    });
  });
});

describe('change orders', () => {
  it('a prime change order takes the approved amount and its prime lines', () => {
    expect(one(rollup.change_orders, { change_order_id: '501' })[0]).toMatchObject({
      kind: 'prime',
      status: 'approved',
      contract_amount: '32000.00',
      cost_amount: '25000.00',
    });
    expect(one(rollup.change_order_lines, { change_order_id: '501' })).toHaveLength(1);
  });
  it('a pending prime change order shows the requested amount', () => {
    expect(one(rollup.change_orders, { change_order_id: '502' })[0]).toMatchObject({
      status: 'pending',
      contract_amount: '18000.00',
      approved_date: null,
    });
  });
  it("a sub's change approved on the line while the owner's header is still open counts as approved", async () => {
    const [row] = await sage(
      'SELECT h.status AS header, l.chgsts AS line FROM dbo.prmchg h JOIN dbo.sbcgln l ON l._idref = h._idnum WHERE h.recnum = 503',
    );
    expect(row).toEqual({ header: 2, line: 1 });
    expect(one(rollup.change_orders, { change_order_id: '503' })[0]).toMatchObject({
      kind: 'commitment',
      commitment_id: '301',
      status: 'approved',
    });
  });
  it('a header approved while the sub line is still open stays pending', async () => {
    const [row] = await sage(
      'SELECT h.status AS header, l.chgsts AS line FROM dbo.prmchg h JOIN dbo.sbcgln l ON l._idref = h._idnum WHERE h.recnum = 506',
    );
    expect(row).toEqual({ header: 1, line: 2 });
    expect(one(rollup.change_orders, { change_order_id: '506' })[0]).toMatchObject({
      status: 'pending',
      commitment_id: '302',
    });
  });
  it('a budget change follows its header, whatever its lines say', async () => {
    const [row] = await sage(
      'SELECT h.status AS header, l.chgsts AS line FROM dbo.prmchg h JOIN dbo.sbcgln l ON l._idref = h._idnum WHERE h.recnum = 507',
    );
    expect(row).toEqual({ header: 1, line: 2 });
    expect(one(rollup.change_orders, { change_order_id: '507' })[0]).toMatchObject({
      kind: 'budget',
      status: 'approved',
      cost_amount: '2500.00',
    });
  });
  it('a lump-sum change without cost codes keeps its amount but has no lines', () => {
    expect(one(rollup.change_orders, { change_order_id: '504' })[0]).toMatchObject({
      cost_amount: '10000.00',
    });
    expect(one(rollup.change_order_lines, { change_order_id: '504' })).toEqual([]);
  });
});

describe('commitments and payables', () => {
  it('a subcontract carries original, changes, new total and retention rate', () => {
    expect(one(rollup.commitments, { commitment_id: '301' })[0]).toMatchObject({
      kind: 'subcontract',
      original_amount: '450000.00',
      approved_changes: '25000.00',
      revised_amount: '475000.00',
      retainage_percent: '10',
    });
  });
  it('purchase orders are numbered apart from subcontracts', () => {
    expect(one(rollup.commitments, { commitment_id: 'po-12' })[0]).toMatchObject({
      kind: 'purchase_order',
      revised_amount: '80000.00',
    });
    expect(one(rollup.commitment_lines, { commitment_id: 'po-12' })[0]).toMatchObject({
      cost_type: 'material',
      amount: '80000.00',
    });
  });
  it('a contract invoice bills its subcontract with retention held', () => {
    expect(one(rollup.payables, { invoice_id: '801' })[0]).toMatchObject({
      commitment_id: '301',
      gross_amount: '100000.00',
      retainage_held: '10000.00',
      net_amount: '90000.00',
      status: 'posted',
    });
  });
  it('a memo invoice does not bill a subcontract', async () => {
    const [row] = await sage('SELECT invtyp FROM dbo.acpinv WHERE recnum = 805');
    expect(row).toEqual({ invtyp: 2 });
    expect(one(rollup.payables, { invoice_id: '805' })[0]!.commitment_id).toBeNull();
  });
  it('a voided invoice is void and keeps its voided distribution as its lines', () => {
    expect(one(rollup.payables, { invoice_id: '806' })[0]!.status).toBe('void');
    expect(one(rollup.payable_lines, { invoice_id: '806' })).toMatchObject([
      { line_id: '9910', amount: '20000.00' },
    ]);
  });
  it('invoice lines come from the job cost distribution', () => {
    expect(one(rollup.payable_lines, { invoice_id: '803' })).toEqual([
      {
        invoice_id: '803',
        line_id: '9903',
        cost_code: '16100',
        cost_type: 'subcontract',
        amount: '40000.00',
        retainage_held: null,
      },
    ]);
  });
});

describe('billings and GL', () => {
  it('billed amount leaves out sales tax, and memo deposits are not billings', async () => {
    const taxed = await sage('SELECT invttl, slstax FROM dbo.acrinv WHERE recnum = 602');
    expect(taxed).toEqual([{ invttl: '294000.53', slstax: '14000.03' }]);
    expect(one(rollup.billings, { billing_id: '602' })[0]).toMatchObject({
      billed_amount: '280000.50',
      retainage_held: '28000.05',
      status: 'paid',
    });
    expect(await sage('SELECT count(*)::INT AS n FROM dbo.acrinv WHERE invtyp = 2 AND retain = 0')).toEqual([
      { n: 1 },
    ]);
    expect(rollup.billings).toHaveLength(5);
  });
  it('retention billed back to the owner is a release, on a contract or a memo invoice', async () => {
    // Job 1019 held 99,000.00 on its last pay application and billed it back in two halves.
    expect(
      await sage(
        "SELECT invnum, invtyp::INT AS invtyp, invttl, retain FROM dbo.acrinv WHERE invnum LIKE 'AR-1019-R%' ORDER BY invnum",
      ),
    ).toEqual([
      { invnum: 'AR-1019-R1', invtyp: 1, invttl: '0.00', retain: '-49500.00' },
      { invnum: 'AR-1019-R2', invtyp: 2, invttl: '0.00', retain: '-49500.00' },
    ]);
    const job = (rollup.billings ?? []).filter((b) => b.job_id === '1019');
    expect(job.map((b) => [b.number, b.billed_amount, b.retainage_held, b.retainage_released])).toEqual([
      ['AR-1019-09', '990000.00', '99000.00', '0.00'],
      ['AR-1019-R1', '0.00', '0.00', '49500.00'],
      ['AR-1019-R2', '0.00', '0.00', '49500.00'],
    ]);
  });
  it('GL balances of the configured accounts carry their role and period end', () => {
    expect(rollup.gl_balances).toEqual(
      expect.arrayContaining([
        { account: '1290', role: 'under_billings', as_of: '2026-06-30', balance: '41250.00' },
      ]),
    );
  });
});
