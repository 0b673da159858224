/**
 * QuickBooks records → canonical rows. Expected figures come from outside the mapping: the reference Bill
 * (AmountDue 18,000.00 = 20,000.00 of drywall less 2,000.00 retainage, as Intuit's fields state it), amounts
 * worked by hand, and the demo dataset's own CSV totals for the read-back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../connectors/canonical/money.ts';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import { estimateLineCost } from '../../connectors/qbd/map/documents.ts';
import { mirrorTables } from '../../connectors/qbd/map/index.ts';
import { DEFAULT_MAPPING, type QbdMapping } from '../../connectors/qbd/map/mapping.ts';
import type { MirrorRecord, MirrorSource } from '../../connectors/qbd/map/mirror.ts';
import { parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { text } from '../../connectors/qbd/qbxml/xml.ts';
import { QbXmlProcessor, sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { tempDir } from '../support/tmp.ts';
import { readCompany, reference } from './support.ts';

type Row = Record<string, string | null | undefined>;
async function map(source: MirrorSource, mapping: QbdMapping): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for await (const s of mirrorTables(source, mapping, { side: 'erp', progress: () => {} }, '2026-11-20')) {
    const rows: Row[] = [];
    for await (const r of s.records) {
      if (!r.ok) throw new Error(r.reason);
      const v = validateRow(s.table, r.values);
      if (!v.ok) throw new Error(`${r.sourceRef}: ${JSON.stringify(v.issues)}`);
      rows.push(v.row as Row);
    }
    out[s.table] = rows;
  }
  return out;
}

const rets = (file: string): MirrorRecord[] =>
  parseResponses(reference(file))[0]!.rets.map((r) => ({
    id: text(r.node, 'ListID') ?? text(r.node, 'TxnID')!,
    ret: r.name,
    node: r.node,
  }));

describe('the reference bill', () => {
  const lists: Record<string, MirrorRecord[]> = {
    Customer: rets('constructed-CustomerQueryRs-jobs-iterator.xml'),
    Bill: rets('constructed-BillQueryRs-jobcost-lines.xml'),
    Account: [
      {
        id: '80000031-1700000000',
        ret: 'AccountRet',
        node: { FullName: 'Retainage Payable', AccountType: 'OtherCurrentLiability' },
      },
      {
        id: '80000032-1700000000',
        ret: 'AccountRet',
        node: { FullName: 'Job Costs', AccountType: 'CostOfGoodsSold' },
      },
    ],
    Item: [
      {
        id: '80000040-1700000000',
        ret: 'ItemServiceRet',
        node: {
          Name: '09-2100 Drywall',
          FullName: '09-2100 Drywall',
          SalesOrPurchase: { Desc: 'Gypsum board', AccountRef: { ListID: '80000032-1700000000' } },
        },
      },
    ],
    Class: [{ id: '80000050-1700000000', ret: 'ClassRet', node: { FullName: 'Subcontract' } }],
    Vendor: [
      {
        id: '80000010-1700000000',
        ret: 'VendorRet',
        node: { Name: 'Bay Drywall Inc', VendorTypeRef: { FullName: 'Subcontractors' } },
      },
    ],
    PurchaseOrder: [
      {
        id: '1A00-1712000000',
        ret: 'PurchaseOrderRet',
        node: {
          TxnID: '1A00-1712000000',
          VendorRef: { ListID: '80000010-1700000000' },
          TxnDate: '2024-04-01',
          RefNumber: '2024-017-05',
          PurchaseOrderLineRet: [
            {
              TxnLineID: 'P1',
              ItemRef: { ListID: '80000040-1700000000' },
              Amount: '20000.00',
              CustomerRef: { ListID: '80000006-1700000100' },
              ClassRef: { ListID: '80000050-1700000000' },
            },
          ],
        },
      },
    ],
  };
  const source: MirrorSource = { records: (e) => lists[e] ?? [], jobReport: () => undefined };

  it('is one payable of 20,000.00 with 2,000.00 retainage held, net the 18,000.00 QuickBooks owes', async () => {
    const t = await map(source, { ...DEFAULT_MAPPING, costTypes: 'class' });
    expect(t.payables).toEqual([
      expect.objectContaining({
        invoice_id: '1A2B-1717000000',
        job_id: '80000006-1700000100',
        number: 'PA-03',
        vendor_id: '80000010-1700000000',
        commitment_id: '1A00-1712000000',
        status: 'posted',
        gross_amount: '20000.00',
        retainage_held: '2000.00',
        retainage_released: '0.00',
        net_amount: '18000.00',
      }),
    ]);
    expect(t.cost_transactions).toEqual([
      expect.objectContaining({
        job_id: '80000006-1700000100',
        cost_code: '09-2100',
        cost_type: 'subcontract',
        amount: '20000.00',
        source: 'ap',
        invoice_id: '1A2B-1717000000',
      }),
    ]);
    expect(t.commitments).toEqual([
      expect.objectContaining({ number: '2024-017-05', kind: 'subcontract', revised_amount: '20000.00' }),
    ]);
  });

  it('reads the job from the Customer:Job tree: number leads the name, the owner is no job', async () => {
    const t = await map(source, DEFAULT_MAPPING);
    expect(t.jobs).toEqual([
      expect.objectContaining({
        job_id: '80000006-1700000100',
        number: '2024-017',
        name: 'Warehouse TI',
        status: 'open',
        start_date: '2024-03-01',
      }),
    ]);
  });

  it('takes vendor credits and card credits as negative cost, item receipts as cost, each on its job', async () => {
    const job = { ListID: '80000006-1700000100' };
    const drywall = { ListID: '80000040-1700000000' };
    const vendor = { ListID: '80000010-1700000000' };
    const more: Record<string, MirrorRecord[]> = {
      ...lists,
      // Hand-written: a 1,250.00 credit from the drywall sub, 400.00 of material received against the job, and
      // a 75.50 refund to the company card, all on 09-2100 Drywall.
      VendorCredit: [
        {
          id: 'VC-1',
          ret: 'VendorCreditRet',
          node: {
            TxnID: 'VC-1',
            VendorRef: vendor,
            TxnDate: '2024-05-02',
            ItemLineRet: [{ TxnLineID: 'a', ItemRef: drywall, Amount: '1250.00', CustomerRef: job }],
          },
        },
      ],
      ItemReceipt: [
        {
          id: 'IR-1',
          ret: 'ItemReceiptRet',
          node: {
            TxnID: 'IR-1',
            VendorRef: vendor,
            TxnDate: '2024-05-03',
            ItemLineRet: [{ TxnLineID: 'b', ItemRef: drywall, Amount: '400.00', CustomerRef: job }],
          },
        },
      ],
      CreditCardCredit: [
        {
          id: 'CC-1',
          ret: 'CreditCardCreditRet',
          node: {
            TxnID: 'CC-1',
            TxnDate: '2024-05-04',
            ItemLineRet: [{ TxnLineID: 'c', ItemRef: drywall, Amount: '75.50', CustomerRef: job }],
          },
        },
      ],
    };
    const t = await map({ records: (e) => more[e] ?? [], jobReport: () => undefined }, DEFAULT_MAPPING);
    expect(
      t
        .cost_transactions!.filter((r) => r.invoice_id !== '1A2B-1717000000') // the reference bill, above
        .map((r) => [r.transaction_id, r.job_id, r.cost_code, r.amount, r.source])
        .sort(),
    ).toEqual([
      ['CC-1:c', job.ListID, '09-2100', '-75.50', 'direct'],
      ['IR-1:b', job.ListID, '09-2100', '400.00', 'ap'],
      ['VC-1:a', job.ListID, '09-2100', '-1250.00', 'ap'],
    ]);
  });

  it('has no cost types without classes: every line is other', async () => {
    const t = await map(source, DEFAULT_MAPPING);
    expect(t.cost_transactions!.map((r) => r.cost_type)).toEqual(['other']);
  });
});

describe('estimate line cost', () => {
  it('is the amount less the markup, whichever way QuickBooks states the markup', () => {
    // 4 units at 1,250.00 = 5,000.00 sales; markup 250.00 a unit → cost 4,000.00.
    expect(
      estimateLineCost({ Quantity: '4', Rate: '1250.00', Amount: '5000.00', MarkupRate: '250.00' }).toFixed(
        2,
      ),
    ).toBe('4000.00');
    // 25 % on cost: 5,000.00 ÷ 1.25 = 4,000.00.
    expect(estimateLineCost({ Quantity: '4', Amount: '5000.00', MarkupRatePercent: '25' }).toFixed(2)).toBe(
      '4000.00',
    );
    expect(estimateLineCost({ Amount: '812.40' }).toFixed(2)).toBe('812.40');
  });
});

describe('the demo ERP side through the sandbox', () => {
  let dir: string;
  let t: Record<string, Row[]>;
  const csv = (name: string): Row[] =>
    parse(readFileSync(path.join(dir, 'erp', `${name}.csv`)), { columns: true, bom: true });
  const sum = (rows: Row[], col: string, key: (r: Row) => string) => {
    const out = new Map<string, string>();
    for (const r of rows) out.set(key(r), new Dec(out.get(key(r)) ?? 0).plus(r[col] ?? 0).toFixed(2));
    return Object.fromEntries([...out].filter(([, v]) => v !== '0.00').sort());
  };

  beforeAll(async () => {
    dir = tempDir('tieout-qbd-map-');
    await generateDemo({ outDir: dir, asOf: '2026-11-20' });
    const { company } = await sandboxFromDataset(path.join(dir, 'erp'), {
      now: () => new Date('2026-11-20T15:00:00Z'),
    });
    t = await map(readCompany(new QbXmlProcessor(company)), {
      ...DEFAULT_MAPPING,
      costTypes: 'class',
      linkedIdField: 'Procore ID',
      sources: {
        payrollPayees: ['Payroll Service'],
        payrollAccounts: [],
        equipmentAccounts: ['Equipment Costs'],
      },
    });
  }, 120_000);

  const jobNumber = () => new Map(t.jobs!.map((j) => [j.job_id!, j.number!]));
  const datasetNumber = () => new Map(csv('jobs').map((j) => [j.job_id!, j.number!]));

  it('keeps every job with its number, name, status and Procore id (sub-jobs rolled up)', () => {
    const got = t.jobs!.map((j) => [j.number, j.name, j.status, j.linked_id]).sort();
    const want = csv('jobs')
      .map((j) => [j.number, j.name, j.status || 'open', j.linked_id || null])
      .sort();
    expect(got).toEqual(want);
  });

  it('keeps job cost to the cent per job × cost code × cost type, voids out', () => {
    const n = jobNumber();
    const d = datasetNumber();
    const live = (rows: Row[]) => rows.filter((r) => r.status !== 'void');
    expect(
      sum(live(t.cost_transactions!), 'amount', (r) => `${n.get(r.job_id!)}|${r.cost_code}|${r.cost_type}`),
    ).toEqual(
      sum(
        live(csv('cost_transactions')),
        'amount',
        (r) => `${d.get(r.job_id!)}|${r.cost_code}|${r.cost_type}`,
      ),
    );
  });

  it('keeps the revised budget per line and the contract per job (estimate = contract + approved changes)', () => {
    const n = jobNumber();
    const d = datasetNumber();
    expect(
      sum(t.budget_lines!, 'revised_budget', (r) => `${n.get(r.job_id!)}|${r.cost_code}|${r.cost_type}`),
    ).toEqual(
      sum(csv('budget_lines'), 'revised_budget', (r) => `${d.get(r.job_id!)}|${r.cost_code}|${r.cost_type}`),
    );
    const contracts = [
      ...csv('prime_contracts').map((c) => ({ job_id: c.job_id, amount: c.original_amount })),
      ...csv('change_orders')
        .filter((c) => c.kind === 'prime' && c.status === 'approved')
        .map((c) => ({ job_id: c.job_id, amount: c.contract_amount })),
    ];
    expect(sum(t.prime_contracts!, 'original_amount', (r) => n.get(r.job_id!)!)).toEqual(
      sum(contracts, 'amount', (r) => d.get(r.job_id!)!),
    );
  });

  it('keeps payables (gross, retainage held and released), commitments and billings', () => {
    const live = (rows: Row[]) => rows.filter((r) => r.status !== 'void');
    for (const col of ['gross_amount', 'retainage_held', 'retainage_released'])
      expect(sum(live(t.payables!), col, (r) => r.number!)).toEqual(
        sum(live(csv('payables')), col, (r) => r.number!),
      );
    expect(sum(t.commitments!, 'revised_amount', (r) => `${r.number}|${r.kind}`)).toEqual(
      sum(csv('commitments'), 'revised_amount', (r) => `${r.number}|${r.kind}`),
    );
    expect(sum(t.billings!, 'billed_amount', (r) => r.number!)).toEqual(
      sum(csv('billings'), 'billed_amount', (r) => r.number!),
    );
    expect(sum(t.billings!, 'retainage_held', (r) => r.number!)).toEqual(
      sum(csv('billings'), 'retainage_held', (r) => r.number!),
    );
  });

  it('keeps vendors with their Procore ids', () => {
    expect(
      t
        .vendors!.filter((v) => v.linked_id)
        .map((v) => [v.name, v.linked_id])
        .sort(),
    ).toEqual(
      csv('vendors')
        .filter((v) => v.linked_id)
        .map((v) => [v.name, v.linked_id])
        .sort(),
    );
  });
});
