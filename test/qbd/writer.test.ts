/**
 * Approved writes through the Web Connector session queue, over real SOAP between the Web Connector imitation
 * and tieout's endpoint, against the sandbox company, with the queue in real SQLite. Each write is preceded by
 * a query for an earlier attempt, its request id is stored before it is sent, and a session dropped after
 * QuickBooks made the record never makes it twice. Element order of the Adds is held to Intuit's qbXML 13.0
 * templates (the reference copy in fixtures/reference, not tieout's own code).
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QbwcService } from '../../connectors/qbd/qbwc/service.ts';
import { type QbNode, text } from '../../connectors/qbd/qbxml/xml.ts';
import { registerCompany } from '../../connectors/qbd/qwc.ts';
import { runWebConnectorSession, type WebConnectorOptions } from '../../connectors/qbd/sandbox/driver.ts';
import { startEndpoint } from '../../connectors/qbd/sandbox/in-process.ts';
import { type SandboxCompany, sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { writePlan } from '../../connectors/qbd/write/payloads.ts';
import { QbdWriteQueue } from '../../connectors/qbd/write/queue.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { tempDir } from '../support/tmp.ts';
import { outOfOrder, templateOf } from './support.ts';

let dataset: string;
beforeAll(async () => {
  const dir = tempDir('tieout-qbd-writer-');
  await generateDemo({ outDir: dir, asOf: '2026-11-20', scale: { jobs: 6 }, plant: false });
  dataset = path.join(dir, 'erp');
}, 180_000);

const T0 = Date.parse('2026-11-20T15:00:00Z');
const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

async function rig() {
  const store = new QbdStore(':memory:');
  const now = { ms: T0 };
  const qbClock = { ms: T0 - 86_400_000 };
  const sandbox: SandboxCompany = await sandboxFromDataset(dataset, {
    now: () => {
      qbClock.ms += 1000;
      return new Date(qbClock.ms);
    },
  });
  const service = new QbwcService({ store, now: () => new Date(now.ms), serverVersion: '9.9.9' });
  const endpoint = await startEndpoint(service);
  const reg = await registerCompany(store, { companyId: 'acme', runEveryMinutes: 60, now: new Date(now.ms) });
  const login = { userName: reg.userName, password: reg.password, ownerId: reg.ownerId, fileId: reg.fileId };
  const queue = new QbdWriteQueue(store.db);
  const sent: string[] = [];
  const r = {
    store,
    queue,
    now,
    sandbox,
    sent,
    session: (extra: Partial<WebConnectorOptions> = {}) => {
      now.ms += 3_600_000; // a Web Connector run an hour after the last
      return runWebConnectorSession({
        url: endpoint.url,
        company: sandbox.company,
        ...login,
        onRequest: (xml) => sent.push(xml),
        ...extra,
      });
    },
    close: async () => {
      await endpoint.close();
      store.close();
    },
  };
  open.push(r);
  return r;
}

type Rig = Awaited<ReturnType<typeof rig>>;

/** Names the sandbox company holds: a subcontractor, a job, two cost-code items, a class, a purchase order. */
function names(r: Rig) {
  const { company, lists } = r.sandbox;
  const job = company.all('list', ['CustomerRet']).find((c) => c.node.Sublevel === '1')!;
  const items = [...lists.itemOf.values()];
  const po = company.all('txn', ['PurchaseOrderRet'])[0]!;
  return {
    vendor: String(text(po.node.VendorRef as QbNode, 'FullName')),
    job: String(job.node.FullName),
    items: [
      String(items[0]!.node.FullName ?? items[0]!.node.Name),
      String(items[1]!.node.FullName ?? items[1]!.node.Name),
    ],
    poTxnId: po.id,
    retainageAccount: String(lists.account.get('retainagePayable')!.node.FullName),
    className: String([...lists.classOf.values()][0]!.node.FullName),
  };
}

function billPayload(r: Rig, refNumber: string) {
  const n = names(r);
  // Hand-worked: lines 12,000.00 + 3,000.00 = 15,000.00 gross; 10 % retainage = 1,500.00; amount due 13,500.00.
  return {
    vendor: n.vendor,
    refNumber,
    txnDate: '2026-11-18',
    purchaseOrderTxnId: n.poTxnId,
    lines: [
      { item: n.items[0], job: n.job, class: n.className, amount: '12000.00', description: 'Pay app 4' },
      { item: n.items[1], job: n.job, amount: '3000.00' },
    ],
    retainage: { account: n.retainageAccount, job: n.job, amount: '1500.00' },
  };
}

const enqueue = (r: Rig, key: string, operation: string, payload: unknown) =>
  r.queue.enqueue({
    companyId: 'acme',
    idempotencyKey: key,
    proposalId: `p-${key}`,
    operation,
    payload,
    at: new Date(r.now.ms).toISOString(),
  });

const billsNumbered = (r: Rig, refNumber: string) =>
  r.sandbox.company.all('txn', ['BillRet']).filter((b) => b.node.RefNumber === refNumber);
const count = (r: Rig, element: string) => r.sent.filter((x) => x.includes(`<${element}`)).length;

describe('writes through the Web Connector session', () => {
  it('a bill from an approved subcontractor invoice: vendor, job, items, PO link and its retainage line', async () => {
    const r = await rig();
    // A bill of the same vendor numbered APX-40, entered by hand: the query (RefNumberFilter StartsWith, as
    // qbXML has no Equals) returns it, but only an exact number is the same bill, so it does not block APX-4.
    const po = r.sandbox.company.all('txn', ['PurchaseOrderRet'])[0]!;
    r.sandbox.company.create('txn', 'BillRet', (s) => ({
      TxnID: s.id,
      TimeCreated: s.created,
      TimeModified: s.modified,
      EditSequence: s.editSequence,
      VendorRef: po.node.VendorRef as QbNode,
      TxnDate: '2026-11-01',
      RefNumber: 'APX-40',
      AmountDue: '10.00',
    }));
    enqueue(r, 'inv-4', 'qbd.bill.add', billPayload(r, 'APX-4'));
    const t = await r.session();
    expect(t.outcome).toBe('complete');
    const [bill] = billsNumbered(r, 'APX-4');
    const row = r.queue.get('acme', 'inv-4')!;
    expect(row).toMatchObject({ status: 'applied', targetId: bill!.id });
    const n = names(r);
    const node = bill!.node;
    expect(text(node.VendorRef as QbNode, 'FullName')).toBe(n.vendor);
    expect(node.AmountDue).toBe('13500.00');
    expect(node.Memo).toBe('tieout:inv-4');
    expect((node.LinkedTxn as QbNode[])[0]).toMatchObject({ TxnID: n.poTxnId, TxnType: 'PurchaseOrder' });
    const expense = (node.ExpenseLineRet as QbNode[])[0]!;
    expect(expense.Amount).toBe('-1500.00');
    expect(text(expense.AccountRef as QbNode, 'FullName')).toBe(n.retainageAccount);
    const items = node.ItemLineRet as QbNode[];
    expect(
      items.map((l) => [
        text(l.ItemRef as QbNode, 'FullName'),
        text(l.CustomerRef as QbNode, 'FullName'),
        l.Amount,
      ]),
    ).toEqual([
      [n.items[0], n.job, '12000.00'],
      [n.items[1], n.job, '3000.00'],
    ]);
    // The earlier-attempt query went first, then the add, once each.
    expect([count(r, 'BillQueryRq requestID="w:'), count(r, 'BillAddRq')]).toEqual([1, 1]);
  });

  it('a session dropped after QuickBooks made the bill never writes it twice: the next session finds it', async () => {
    const r = await rig();
    enqueue(r, 'inv-5', 'qbd.bill.add', billPayload(r, 'APX-5'));
    const dropped = await r.session({ dropAfterProcessing: (xml) => xml.includes('<BillAddRq') });
    expect(dropped.outcome).toBe('dropped');
    // QuickBooks made it; tieout never heard back, but had stored the request id before sending.
    expect(billsNumbered(r, 'APX-5')).toHaveLength(1);
    expect(r.queue.get('acme', 'inv-5')).toMatchObject({ status: 'sent', requestId: 'w:add:inv-5' });
    const next = await r.session();
    expect(next.outcome).toBe('complete');
    expect(billsNumbered(r, 'APX-5')).toHaveLength(1);
    expect(r.queue.get('acme', 'inv-5')).toMatchObject({
      status: 'already_applied',
      targetId: billsNumbered(r, 'APX-5')[0]!.id,
    });
    expect(count(r, 'BillAddRq')).toBe(1);
    // A third session has nothing left to write.
    await r.session();
    expect(count(r, 'BillAddRq')).toBe(1);
  });

  it('a bill with the same number from that vendor entered by hand is not written over; the write fails saying so', async () => {
    const r = await rig();
    const existing = r.sandbox.company
      .all('txn', ['BillRet'])
      .find((b) => b.node.VendorRef && b.node.RefNumber)!;
    const payload = {
      ...billPayload(r, String(existing.node.RefNumber)),
      vendor: String(text(existing.node.VendorRef as QbNode, 'FullName')),
    };
    enqueue(r, 'inv-6', 'qbd.bill.add', payload);
    expect((await r.session()).outcome).toBe('complete');
    const row = r.queue.get('acme', 'inv-6')!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/already holds this record without tieout's key/);
    expect(count(r, 'BillAddRq')).toBe(0);
  });

  it('QuickBooks refusing a write (an item it does not have, 3140) fails that write; the read still completes', async () => {
    const r = await rig();
    const payload = billPayload(r, 'APX-7');
    payload.lines[0]!.item = 'No Such Item';
    enqueue(r, 'inv-7', 'qbd.bill.add', payload);
    expect((await r.session()).outcome).toBe('complete');
    expect(r.queue.get('acme', 'inv-7')).toMatchObject({ status: 'failed' });
    expect(r.queue.get('acme', 'inv-7')!.error).toMatch(/status 3140.*No Such Item/);
    expect(billsNumbered(r, 'APX-7')).toHaveLength(0);
  });

  it('a vendor and a Customer:Job are added when a proposal creates them, then a purchase order on them', async () => {
    const r = await rig();
    const n = names(r);
    const owner = n.job.split(':')[0]!;
    enqueue(r, 'v-1', 'qbd.vendor.add', { name: 'Keystone Glazing LLC', vendorType: 'Subcontractors' });
    r.now.ms += 1000;
    enqueue(r, 'j-1', 'qbd.job.add', {
      customer: owner,
      name: '2026-099 New Wing',
      jobStatus: 'Awarded',
      startDate: '2026-12-01',
    });
    r.now.ms += 1000;
    enqueue(r, 'po-1', 'qbd.purchase_order.add', {
      vendor: 'Keystone Glazing LLC',
      refNumber: 'SC-099',
      txnDate: '2026-11-19',
      lines: [{ item: n.items[0], job: `${owner}:2026-099 New Wing`, amount: '48200.00' }],
    });
    expect((await r.session()).outcome).toBe('complete');
    expect(r.queue.all('acme').map((w) => [w.idempotencyKey, w.status])).toEqual([
      ['v-1', 'applied'],
      ['j-1', 'applied'],
      ['po-1', 'applied'],
    ]);
    const job = r.sandbox.company
      .all('list', ['CustomerRet'])
      .find((c) => c.node.FullName === `${owner}:2026-099 New Wing`)!;
    expect(job.node).toMatchObject({ Sublevel: '1', JobStatus: 'Awarded' });
    const po = r.sandbox.company.all('txn', ['PurchaseOrderRet']).find((p) => p.node.RefNumber === 'SC-099')!;
    expect(po.node.TotalAmount).toBe('48200.00');
    // Asked again (a second approval of the same vendor), the vendor is found, not added twice.
    enqueue(r, 'v-2', 'qbd.vendor.add', { name: 'Keystone Glazing LLC' });
    await r.session();
    expect(r.queue.get('acme', 'v-2')).toMatchObject({
      status: 'already_applied',
      targetId: r.queue.get('acme', 'v-1')!.targetId,
    });
    expect(count(r, 'VendorAddRq')).toBe(1);
  });

  it('writes its Adds in the element order of Intuit’s qbXML 13.0 templates', () => {
    const payload = {
      vendor: 'V',
      refNumber: 'R',
      txnDate: '2026-11-18',
      lines: [{ item: 'I', job: 'C:J', class: 'Labor', amount: '1.00', description: 'd' }],
      retainage: { account: 'Retainage Payable', job: 'C:J', amount: '0.10' },
    };
    const bill = writePlan('qbd.bill.add', payload, 'k').add!.body.BillAdd as QbNode;
    const problems = [
      ...outOfOrder((bill.ItemLineAdd as QbNode[])[0]!, templateOf('ItemLineAdd'), 'ItemLineAdd'),
      ...outOfOrder((bill.ExpenseLineAdd as QbNode[])[0]!, templateOf('ExpenseLineAdd'), 'ExpenseLineAdd'),
      ...outOfOrder(
        writePlan('qbd.vendor.add', { name: 'V', vendorType: 'Subcontractors' }, 'k').add!.body
          .VendorAdd as QbNode,
        templateOf('VendorAdd'),
        'VendorAdd',
      ),
      ...outOfOrder(
        writePlan(
          'qbd.job.add',
          { customer: 'C', name: 'J', jobStatus: 'Awarded', startDate: '2026-12-01', description: 'd' },
          'k',
        ).add!.body.CustomerAdd as QbNode,
        templateOf('CustomerAdd'),
        'CustomerAdd',
      ),
    ];
    expect(problems).toEqual([]);
  });
  it('writes EstimateModRq in the element order of Intuit’s qbXML 13.0 template', () => {
    const plan = writePlan(
      'qbd.estimate.revise',
      { job: 'C:J', changeOrder: '7', lines: [{ item: 'I', class: 'Labor', cost: '1.00', amount: '1.10' }] },
      'k',
    );
    const estimate = {
      TxnID: 'T-1',
      EditSequence: '99',
      IsActive: 'true',
      EstimateLineRet: [{ TxnLineID: 'L-1', Amount: '5.00' }],
    };
    const outcome = plan.afterFind([estimate]);
    expect(outcome.kind).toBe('write');
    const body = (outcome as { request: { body: QbNode } }).request.body;
    const mod = body.EstimateMod as QbNode;
    expect(outOfOrder(mod, templateOf('EstimateMod'), 'EstimateMod')).toEqual([]);
    // The kept line is quoted by its TxnLineID alone; the new one is -1 with markup 1.10 − 1.00 = 0.10.
    expect(mod.EstimateLineMod).toEqual([
      { TxnLineID: 'L-1' },
      {
        TxnLineID: '-1',
        ItemRef: { FullName: 'I' },
        Desc: 'tieout:k CO 7',
        Quantity: '1',
        Rate: '1.10',
        ClassRef: { FullName: 'Labor' },
        Amount: '1.10',
        MarkupRate: '0.10',
        Other1: 'CO',
      },
    ]);
  });
});
