/**
 * An approved QuickBooks Desktop write through the approvals executor (src/approvals, the one gate: approved by
 * someone other than the proposer) and the real Web Connector path: the executor hands the write to the qbd
 * connector, which queues it and answers `queued` (QuickBooks is polled, not called); the proposal stays
 * executing; the next Web Connector session (SOAP, the sandbox company) makes the bill; the executor's next
 * run learns it was applied, with QuickBooks' TxnID, and a later run writes nothing.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { qbdConnector } from '../../connectors/qbd/connector.ts';
import { DEFAULT_MAPPING } from '../../connectors/qbd/map/mapping.ts';
import { QbwcService } from '../../connectors/qbd/qbwc/service.ts';
import { type QbNode, text } from '../../connectors/qbd/qbxml/xml.ts';
import { registerCompany } from '../../connectors/qbd/qwc.ts';
import { runWebConnectorSession } from '../../connectors/qbd/sandbox/driver.ts';
import { startEndpoint } from '../../connectors/qbd/sandbox/in-process.ts';
import { sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { decide } from '../../src/approvals/decide.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { getProposal } from '../../src/store/approvals.ts';
import { ANN_APPROVER, as, PM_PAT, quietLog, testStore } from '../approvals/support.ts';
import { tempDir } from '../support/tmp.ts';

let dataset: string;
beforeAll(async () => {
  const dir = tempDir('tieout-qbd-approvals-');
  await generateDemo({ outDir: dir, asOf: '2026-11-20', scale: { jobs: 6 }, plant: false });
  dataset = path.join(dir, 'erp');
}, 180_000);

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0)) await c();
});

describe('an approved bill through the executor and the next Web Connector session', () => {
  it('is queued, made once by the session, then reported executed with QuickBooks’ TxnID', async () => {
    const qbd = new QbdStore(':memory:');
    const now = { ms: Date.parse('2026-11-20T15:00:00Z') };
    const qbClock = { ms: now.ms - 86_400_000 };
    const { company } = await sandboxFromDataset(dataset, {
      now: () => {
        qbClock.ms += 1000;
        return new Date(qbClock.ms);
      },
    });
    const service = new QbwcService({ store: qbd, now: () => new Date(now.ms), serverVersion: '9.9.9' });
    const endpoint = await startEndpoint(service);
    closing.push(async () => {
      await endpoint.close();
      qbd.close();
    });
    const reg = await registerCompany(qbd, { companyId: 'acme', runEveryMinutes: 60, now: new Date(now.ms) });
    const session = () =>
      runWebConnectorSession({
        url: endpoint.url,
        company,
        userName: reg.userName,
        password: reg.password,
        ownerId: reg.ownerId,
        fileId: reg.fileId,
      });
    expect((await session()).outcome).toBe('complete');

    const po = company.all('txn', ['PurchaseOrderRet'])[0]!;
    const vendor = String(text(po.node.VendorRef as QbNode, 'FullName'));
    const job = String(
      company.all('list', ['CustomerRet']).find((c) => c.node.Sublevel === '1')!.node.FullName,
    );
    const item = String(
      company.all('list', ['ItemServiceRet']).find((i) => i.node.Name !== 'Progress Billing')!.node.FullName,
    );
    const store = testStore();
    const { proposal } = proposeWrite({
      ctx: as(PM_PAT, store),
      input: {
        companyId: 'acme',
        operation: 'qbd.bill.add',
        // 9,000.00 of work less 900.00 (10 %) retainage: 8,100.00 due.
        payload: {
          vendor,
          refNumber: 'PA-0412',
          txnDate: '2026-11-19',
          purchaseOrderTxnId: po.id,
          lines: [{ item, job, amount: '9000.00' }],
          retainage: { account: 'Retainage Payable', job, amount: '900.00' },
        },
        diff: [{ field: 'bill PA-0412', before: '', after: '9000.00' }],
        summary: `Enter pay application PA-0412 from ${vendor} in QuickBooks`,
      },
    });
    decide({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'approve', note: 'ok' },
    });
    const deps = {
      writerFor: async () => {
        const c = qbdConnector({ store: qbd, companyId: 'acme', mapping: DEFAULT_MAPPING, location: 'test' });
        return { write: c.write!.bind(c) };
      },
      log: quietLog,
      baseDelayMs: 1,
    };
    const run = () => executeApproved({ ctx: as(ANN_APPROVER, store), input: { companyId: 'acme' }, deps });

    const first = await run();
    expect(first.map((o) => o.status)).toEqual(['queued']);
    expect(getProposal(store.db, proposal.id)!.status).toBe('executing');
    expect(company.all('txn', ['BillRet']).filter((b) => b.node.RefNumber === 'PA-0412')).toHaveLength(0);

    now.ms += 5 * 60_000; // five minutes later: writes waiting make the session worth running
    expect((await session()).outcome).toBe('complete');
    const made = company.all('txn', ['BillRet']).filter((b) => b.node.RefNumber === 'PA-0412');
    expect(made).toHaveLength(1);
    expect(made[0]!.node.AmountDue).toBe('8100.00');

    const second = await run();
    expect(second.map((o) => o.status)).toEqual(['executed']);
    expect(second[0]!.result).toMatchObject({ status: 'applied', targetIds: [made[0]!.id] });
    expect(getProposal(store.db, proposal.id)).toMatchObject({
      status: 'executed',
      targetIds: JSON.stringify([made[0]!.id]),
    });
    expect(await run()).toEqual([]);
    expect(company.all('txn', ['BillRet']).filter((b) => b.node.RefNumber === 'PA-0412')).toHaveLength(1);
    store.close();
  });
});
