/**
 * An approved change order revising a job's active estimate in QuickBooks Desktop (`qbd.estimate.revise`),
 * through the approvals executor (approved by someone other than the proposer) and real Web Connector sessions
 * over SOAP against the sandbox company, with the queue in real SQLite. The session queries the job's
 * estimates with their lines, then sends EstimateModRq quoting TxnID + EditSequence, every existing line by
 * TxnLineID and the new change line with TxnLineID -1. The estimate each test revises is set by hand first, so
 * every figure below is worked from lines written here, not from the demo generator.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { qbdConnector } from '../../connectors/qbd/connector.ts';
import { mirrorTables } from '../../connectors/qbd/map/index.ts';
import { DEFAULT_MAPPING } from '../../connectors/qbd/map/mapping.ts';
import { QbwcService } from '../../connectors/qbd/qbwc/service.ts';
import { requestDocument } from '../../connectors/qbd/qbxml/requests.ts';
import { parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { type QbNode, text } from '../../connectors/qbd/qbxml/xml.ts';
import { registerCompany } from '../../connectors/qbd/qwc.ts';
import type { StoredRecord } from '../../connectors/qbd/sandbox/company.ts';
import { runWebConnectorSession, type WebConnectorOptions } from '../../connectors/qbd/sandbox/driver.ts';
import { startEndpoint } from '../../connectors/qbd/sandbox/in-process.ts';
import { type SandboxCompany, sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { QbXmlProcessor } from '../../connectors/qbd/sandbox/qbxml-server.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { QbdWriteQueue } from '../../connectors/qbd/write/queue.ts';
import { decide } from '../../src/approvals/decide.ts';
import { executeApproved } from '../../src/approvals/executor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { getProposal } from '../../src/store/approvals.ts';
import { ANN_APPROVER, as, PM_PAT, quietLog, testStore } from '../approvals/support.ts';
import { tempDir } from '../support/tmp.ts';
import { readCompany } from './support.ts';

let dataset: string;
beforeAll(async () => {
  const dir = tempDir('tieout-qbd-estimate-');
  await generateDemo({ outDir: dir, asOf: '2026-11-20', scale: { jobs: 6 }, plant: false });
  dataset = path.join(dir, 'erp');
}, 180_000);

const T0 = Date.parse('2026-11-20T15:00:00Z');
const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c();
});

const refOf = (r: StoredRecord) => ({ ListID: r.id, FullName: String(r.node.FullName ?? r.node.Name) });

async function rig() {
  const qbd = new QbdStore(':memory:');
  const now = { ms: T0 };
  const qbClock = { ms: T0 - 86_400_000 };
  const sandbox: SandboxCompany = await sandboxFromDataset(dataset, {
    now: () => {
      qbClock.ms += 1000;
      return new Date(qbClock.ms);
    },
  });
  const service = new QbwcService({ store: qbd, now: () => new Date(now.ms), serverVersion: '9.9.9' });
  const endpoint = await startEndpoint(service);
  const reg = await registerCompany(qbd, { companyId: 'acme', runEveryMinutes: 60, now: new Date(now.ms) });
  const store = testStore();
  open.push(async () => {
    await endpoint.close();
    qbd.close();
    store.close();
  });
  const sent: string[] = [];
  const { company, lists } = sandbox;

  // A job with exactly one estimate, which is active; its lines are set here by hand:
  // 100,000.00 (cost 90,000.00) + 40,000.00 (cost 36,000.00) = subtotal 140,000.00.
  const estimates = company.all('txn', ['EstimateRet']);
  const jobRecord = company
    .all('list', ['CustomerRet'])
    .filter((c) => c.node.Sublevel === '1')
    .find(
      (c) => estimates.filter((e) => text(e.node.CustomerRef as QbNode, 'ListID') === c.id).length === 1,
    )!;
  const estimate = estimates.find((e) => text(e.node.CustomerRef as QbNode, 'ListID') === jobRecord.id)!;
  const [item1, item2] = [...lists.itemOf.values()];
  const cls = [...lists.classOf.values()][0]!;
  const handLine = (item: StoredRecord, amount: string, markup: string, desc: string) => ({
    TxnLineID: company.newLineId(),
    ItemRef: refOf(item),
    Desc: desc,
    Quantity: '1',
    Rate: amount,
    ClassRef: refOf(cls),
    Amount: amount,
    MarkupRate: markup,
  });
  company.touch(estimate, (node) => {
    node.IsActive = 'true';
    node.Subtotal = '140000.00';
    node.TotalAmount = '140000.00';
    node.EstimateLineRet = [
      handLine(item1!, '100000.00', '10000.00', 'Sitework'),
      handLine(item2!, '40000.00', '4000.00', 'Concrete'),
    ];
  });

  const session = (extra: Partial<WebConnectorOptions> = {}) => {
    now.ms += 3_600_000; // a Web Connector run an hour after the last
    return runWebConnectorSession({
      url: endpoint.url,
      company,
      userName: reg.userName,
      password: reg.password,
      ownerId: reg.ownerId,
      fileId: reg.fileId,
      ...extra,
      onRequest: (xml) => {
        sent.push(xml);
        extra.onRequest?.(xml);
      },
    });
  };
  const deps = {
    writerFor: async () => {
      const c = qbdConnector({ store: qbd, companyId: 'acme', mapping: DEFAULT_MAPPING, location: 'test' });
      return { write: c.write!.bind(c) };
    },
    log: quietLog,
    baseDelayMs: 1,
  };
  const run = () => executeApproved({ ctx: as(ANN_APPROVER, store), input: { companyId: 'acme' }, deps });
  /** Proposed by the PM, approved by another person. */
  const approve = (payload: Record<string, unknown>) => {
    const { proposal } = proposeWrite({
      ctx: as(PM_PAT, store),
      input: {
        companyId: 'acme',
        operation: 'qbd.estimate.revise',
        payload,
        diff: [{ field: 'estimate change order', before: '', after: String(payload.changeOrder) }],
        summary: `Add approved change order ${payload.changeOrder} to the estimate of ${payload.job}`,
      },
    });
    decide({
      ctx: as(ANN_APPROVER, store),
      input: { proposalId: proposal.id, decision: 'approve', note: 'ok' },
    });
    return proposal;
  };
  // Change order 014: 12,650.00 to the owner for work costing 11,000.00 (markup 1,650.00).
  const co14 = {
    job: String(jobRecord.node.FullName),
    changeOrder: '014',
    lines: [
      {
        item: String(item1!.node.FullName ?? item1!.node.Name),
        class: String(cls.node.FullName),
        description: 'Added retaining wall',
        cost: '11000.00',
        amount: '12650.00',
      },
    ],
  };
  const count = (fragment: string) => sent.filter((x) => x.includes(fragment)).length;
  const lines = () =>
    (estimate.node.EstimateLineRet as QbNode[]).map((l) => [l.Desc, l.Amount, l.MarkupRate]);
  return {
    qbd,
    store,
    company,
    estimate,
    jobRecord,
    session,
    run,
    approve,
    co14,
    count,
    lines,
    sent,
    queue: new QbdWriteQueue(qbd.db),
  };
}

describe('an approved change order revises the job’s estimate in QuickBooks (EstimateModRq)', () => {
  it('once, even when the session drops after QuickBooks applied the Mod: the next session finds the line', async () => {
    const r = await rig();
    const proposal = r.approve(r.co14);
    expect((await r.run()).map((o) => o.status)).toEqual(['queued']);
    const before = String(r.estimate.node.EditSequence);
    const existingIds = (r.estimate.node.EstimateLineRet as QbNode[]).map((l) => l.TxnLineID);

    const dropped = await r.session({ dropAfterProcessing: (xml) => xml.includes('<EstimateModRq') });
    expect(dropped.outcome).toBe('dropped');
    // QuickBooks applied it: the two lines kept (same TxnLineIDs), the change line added;
    // subtotal 100,000.00 + 40,000.00 + 12,650.00 = 152,650.00; a new EditSequence.
    expect(r.lines()).toEqual([
      ['Sitework', '100000.00', '10000.00'],
      ['Concrete', '40000.00', '4000.00'],
      [`tieout:${proposal.idempotencyKey} CO 014 Added retaining wall`, '12650.00', '1650.00'],
    ]);
    const after = r.estimate.node.EstimateLineRet as QbNode[];
    expect(after.slice(0, 2).map((l) => l.TxnLineID)).toEqual(existingIds);
    expect(after[2]!.Other1).toBe('CO');
    expect(r.estimate.node.Subtotal).toBe('152650.00');
    expect(r.estimate.node.EditSequence).not.toBe(before);
    // The Mod quoted what the query returned: TxnID, the EditSequence then, both lines, the new one as -1.
    const mod = r.sent.find((x) => x.includes('<EstimateModRq'))!;
    expect(mod).toContain(`<TxnID>${r.estimate.id}</TxnID>`);
    expect(mod).toContain(`<EditSequence>${before}</EditSequence>`);
    expect(mod.match(/<TxnLineID>[^<]*<\/TxnLineID>/g)).toEqual([
      ...existingIds.map((id) => `<TxnLineID>${id}</TxnLineID>`),
      '<TxnLineID>-1</TxnLineID>',
    ]);
    expect(r.count('<EstimateModRq')).toBe(1);
    expect((await r.run()).map((o) => o.status)).toEqual(['queued']);

    expect((await r.session()).outcome).toBe('complete');
    expect(r.count('<EstimateModRq')).toBe(1); // the second session found the key and sent no Mod
    expect(r.count('<EstimateQueryRq requestID="w:find:')).toBe(2);
    expect(r.estimate.node.EstimateLineRet as QbNode[]).toHaveLength(3);
    const done = await r.run();
    expect(done.map((o) => o.status)).toEqual(['executed']);
    expect(done[0]!.result).toMatchObject({ status: 'already_applied', targetIds: [r.estimate.id] });
    expect(getProposal(r.store.db, proposal.id)!.status).toBe('executed');
    await r.session();
    expect(r.count('<EstimateModRq')).toBe(1);
  });

  it('a stale EditSequence (the estimate edited by hand between query and Mod): 3200, found again, applied once with the other edit kept', async () => {
    const r = await rig();
    const proposal = r.approve(r.co14);
    await r.run();
    let edited = false;
    const t = await r.session({
      onRequest: (xml) => {
        if (edited || !xml.includes('<EstimateModRq')) return;
        edited = true;
        // Someone at the QuickBooks machine raises the concrete line to 41,000.00 (subtotal 141,000.00) after
        // tieout's query: the EditSequence tieout quotes is now out of date.
        r.company.touch(r.estimate, (node) => {
          const concrete = (node.EstimateLineRet as QbNode[])[1]!;
          concrete.Rate = '41000.00';
          concrete.Amount = '41000.00';
          node.Subtotal = '141000.00';
          node.TotalAmount = '141000.00';
        });
      },
    });
    expect(t.outcome).toBe('complete');
    // Two queries and two Mods: the first Mod refused (3200, nothing changed), the second on the fresh query.
    expect([r.count('<EstimateQueryRq requestID="w:find:'), r.count('<EstimateModRq')]).toEqual([2, 2]);
    // 100,000.00 + 41,000.00 (the hand edit, kept) + 12,650.00 (the change order, once) = 153,650.00.
    expect(r.lines()).toEqual([
      ['Sitework', '100000.00', '10000.00'],
      ['Concrete', '41000.00', '4000.00'],
      [`tieout:${proposal.idempotencyKey} CO 014 Added retaining wall`, '12650.00', '1650.00'],
    ]);
    expect(r.estimate.node.Subtotal).toBe('153650.00');
    expect(r.queue.get('acme', proposal.idempotencyKey)).toMatchObject({
      status: 'applied',
      targetId: r.estimate.id,
      attempts: 1,
    });
    expect((await r.run()).map((o) => o.status)).toEqual(['executed']);
  });

  it('an estimate that changes before every Mod: three tries, then the write fails saying so; nothing is added', async () => {
    const r = await rig();
    const proposal = r.approve(r.co14);
    await r.run();
    const t = await r.session({
      onRequest: (xml) => {
        if (xml.includes('<EstimateModRq')) r.company.touch(r.estimate, (node) => void node);
      },
    });
    expect(t.outcome).toBe('complete');
    expect(r.count('<EstimateModRq')).toBe(3);
    expect(r.estimate.node.EstimateLineRet as QbNode[]).toHaveLength(2);
    expect(r.estimate.node.Subtotal).toBe('140000.00');
    const [failed] = await r.run();
    expect(failed!.status).toBe('failed');
    expect(getProposal(r.store.db, proposal.id)!.lastError).toMatch(
      /status 3200.*out-of-date.*kept changing.*3 tries/,
    );
  });

  it('a job with no estimate: the write fails naming the job, and no Mod is sent', async () => {
    const r = await rig();
    r.company.remove(r.estimate, 'Estimate');
    const proposal = r.approve(r.co14);
    await r.run();
    expect((await r.session()).outcome).toBe('complete');
    expect(r.count('<EstimateModRq')).toBe(0);
    const [failed] = await r.run();
    expect(failed!.status).toBe('failed');
    expect(getProposal(r.store.db, proposal.id)!.lastError).toBe(
      `job "${r.co14.job}" has no active estimate in QuickBooks to revise with change order 014; nothing was written: make the job's estimate active in QuickBooks (or name it), then propose the change again`,
    );
  });

  it('the sandbox applies EstimateMod as QuickBooks does: unquoted lines deleted, quoted lines kept, bad ids refused', async () => {
    const r = await rig();
    const p = new QbXmlProcessor(r.company);
    const [sitework, concrete] = (r.estimate.node.EstimateLineRet as QbNode[]).map((l) =>
      String(l.TxnLineID),
    );
    const mod = (editSequence: string, lines: QbNode[]) =>
      parseResponses(
        p.process(
          requestDocument('13.0', [
            {
              name: 'EstimateModRq',
              requestId: '1',
              body: {
                EstimateMod: { TxnID: r.estimate.id, EditSequence: editSequence, EstimateLineMod: lines },
              },
            },
          ]),
        ),
      )[0]!;
    const stale = mod('1', [{ TxnLineID: sitework! }]);
    expect([stale.statusCode, stale.statusMessage]).toEqual([
      3200,
      'The provided edit sequence "1" is out-of-date.',
    ]);
    const unknown = mod(String(r.estimate.node.EditSequence), [{ TxnLineID: 'NO-SUCH-LINE' }]);
    expect(unknown.statusCode).toBe(3120);
    expect(r.estimate.node.EstimateLineRet as QbNode[]).toHaveLength(2); // neither refusal changed anything
    // Quoting only the concrete line (new amount 45,000.00) deletes the sitework line: subtotal 45,000.00.
    const ok = mod(String(r.estimate.node.EditSequence), [
      { TxnLineID: concrete!, Rate: '45000.00', Amount: '45000.00' },
    ]);
    expect(ok.statusCode).toBe(0);
    expect(r.lines()).toEqual([['Concrete', '45000.00', '4000.00']]);
    expect(r.estimate.node.Subtotal).toBe('45000.00');
    expect(text(ok.rets[0]!.node, 'EditSequence')).toBe(String(r.estimate.node.EditSequence));
  });

  it('the next read takes the change line as an approved change to the job’s budget and contract', async () => {
    const r = await rig();
    r.approve(r.co14);
    await r.run();
    expect((await r.session()).outcome).toBe('complete');
    const tables: Record<string, Record<string, unknown>[]> = {};
    const source = readCompany(new QbXmlProcessor(r.company));
    for await (const t of mirrorTables(
      source,
      DEFAULT_MAPPING,
      { side: 'erp', progress: () => {} },
      '2026-11-20',
    )) {
      tables[t.table] = [];
      for await (const row of t.records) if (row.ok) tables[t.table]!.push(row.values);
    }
    const job = r.jobRecord.id;
    // Sitework: 100,000.00 − 10,000.00 markup = 90,000.00 original; change order 014 adds 12,650.00 − 1,650.00
    // = 11,000.00 of cost: revised 101,000.00. Concrete: 40,000.00 − 4,000.00 = 36,000.00, unchanged.
    expect(
      tables
        .budget_lines!.filter((b) => b.job_id === job)
        .map((b) => [b.original_budget, b.approved_changes, b.revised_budget])
        .sort(),
    ).toEqual([
      ['36000.00', '0.00', '36000.00'],
      ['90000.00', '11000.00', '101000.00'],
    ]);
    // The contract is the active estimate's subtotal: 140,000.00 + 12,650.00 = 152,650.00.
    expect(tables.prime_contracts!.filter((c) => c.job_id === job).map((c) => c.original_amount)).toEqual([
      '152650.00',
    ]);
  });
});
