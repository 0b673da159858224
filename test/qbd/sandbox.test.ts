/**
 * The QuickBooks sandbox answers as QuickBooks does: records in the qbXML 13.0 element order, iterators across
 * many pages, filters, deletions and status codes (1 no match, 3xxx errors, a parse error as the HRESULT the
 * Web Connector reports).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, entity } from '../../connectors/qbd/qbxml/entities.ts';
import { deletedRequest, queryRequest, requestDocument } from '../../connectors/qbd/qbxml/requests.ts';
import { parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { text } from '../../connectors/qbd/qbxml/xml.ts';
import type { QbCompany } from '../../connectors/qbd/sandbox/company.ts';
import { QbProcessingError, QbXmlProcessor, sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { tempDir } from '../support/tmp.ts';
import { outOfOrder, templateOf } from './support.ts';

let company: QbCompany;
let clock = new Date('2026-11-20T15:00:00Z');
const ask = (p: QbXmlProcessor, ...rq: Parameters<typeof requestDocument>[1]) =>
  parseResponses(p.process(requestDocument('13.0', rq)));

beforeAll(async () => {
  const dir = tempDir('tieout-qbd-sandbox-');
  await generateDemo({ outDir: dir, asOf: '2026-11-20' });
  ({ company } = await sandboxFromDataset(path.join(dir, 'erp'), { now: () => clock }));
}, 120_000);

describe('records', () => {
  it('come in the qbXML 13.0 element order, lines and links included', () => {
    const p = new QbXmlProcessor(company);
    for (const spec of ENTITIES) {
      const rs = ask(p, queryRequest(spec, { requestId: '1', maxReturned: 40, customFields: true }))[0]!;
      expect(rs.status === 'ok' || rs.status === 'no_match', spec.name).toBe(true);
      for (const r of rs.rets) expect(outOfOrder(r.node, templateOf(r.name), r.name)).toEqual([]);
    }
  });
});

describe('iterators', () => {
  it('page through every bill exactly once, the remaining count falling to 0', () => {
    const p = new QbXmlProcessor(company);
    const seen = new Set<string>();
    let rs = ask(p, queryRequest(entity('Bill'), { requestId: 'b', maxReturned: 97 }))[0]!;
    const total = rs.retCount! + rs.iteratorRemainingCount!;
    let pages = 1;
    for (;;) {
      for (const r of rs.rets) seen.add(text(r.node, 'TxnID')!);
      if (rs.iteratorRemainingCount === 0) break;
      const before = rs.iteratorRemainingCount!;
      rs = ask(
        p,
        queryRequest(entity('Bill'), { requestId: 'b', maxReturned: 97, iteratorId: rs.iteratorId }),
      )[0]!;
      expect(rs.iteratorRemainingCount).toBe(Math.max(0, before - 97));
      pages++;
    }
    expect(total).toBeGreaterThan(3000);
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 97));
  });

  it('refuse an iterator that is unknown (iterators live only within one session)', () => {
    const rs = ask(
      new QbXmlProcessor(company),
      queryRequest(entity('Bill'), { requestId: 'b', iteratorId: '{gone}' }),
    )[0]!;
    expect(rs.status).toBe('error');
    expect(rs.statusMessage).toContain('{gone}');
  });
});

describe('filters', () => {
  it('report no match as status 1, not an error', () => {
    const rs = ask(
      new QbXmlProcessor(company),
      queryRequest(entity('Bill'), { requestId: 'b', fromModified: '2030-01-01T00:00:00' }),
    )[0]!;
    expect([rs.statusCode, rs.status, rs.rets.length]).toEqual([1, 'no_match', 0]);
  });

  it('leave inactive jobs out unless ActiveStatus is All', () => {
    const p = new QbXmlProcessor(company);
    const all = ask(p, queryRequest(entity('Customer'), { requestId: 'c' }))[0]!.rets.length;
    const active = ask(p, { name: 'CustomerQueryRq', requestId: 'c', body: {} })[0]!.rets.length;
    expect(active).toBeLessThan(all);
  });

  it('return only what changed since a date, and what was deleted', () => {
    const p = new QbXmlProcessor(company);
    clock = new Date('2026-11-21T15:00:00Z');
    const bill = company.all('txn', ['BillRet'])[5]!;
    company.touch(bill, (n) => {
      n.Memo = 'edited';
    });
    const gone = company.all('txn', ['BillRet'])[6]!;
    company.remove(gone, 'Bill');
    const since = '2026-11-21T00:00:00-07:00';
    const changed = ask(p, queryRequest(entity('Bill'), { requestId: 'b', fromModified: since }))[0]!;
    expect(changed.rets.map((r) => text(r.node, 'TxnID'))).toEqual([bill.id]);
    expect(text(changed.rets[0]!.node, 'EditSequence')).not.toBe(text(bill.node, 'TimeCreated'));
    const deleted = ask(p, deletedRequest('Txn', ['Bill', 'Check'], 'd', since))[0]!;
    expect(deleted.rets.map((r) => [text(r.node, 'TxnDelType'), text(r.node, 'TxnID')])).toEqual([
      ['Bill', gone.id],
    ]);
  });

  it('send line items only when asked (IncludeLineItems)', () => {
    const p = new QbXmlProcessor(company);
    const bare = ask(p, { name: 'BillQueryRq', requestId: 'b', body: { MaxReturned: '1' } })[0]!;
    expect(bare.rets[0]!.node.ItemLineRet).toBeUndefined();
    const full = ask(p, queryRequest(entity('Bill'), { requestId: 'b', maxReturned: 1 }))[0]!;
    expect(full.rets[0]!.node.ItemLineRet).toBeDefined();
  });
});

describe('processing errors', () => {
  it('answer malformed XML or an unsupported qbXML version with the Web Connector’s parse HRESULT', () => {
    const p = new QbXmlProcessor(company);
    expect(() => p.process('<QBXML>')).toThrow(QbProcessingError);
    try {
      p.process(requestDocument('99.0', [queryRequest(entity('Bill'), { requestId: 'x' })]));
    } catch (e) {
      expect((e as QbProcessingError).hresult).toBe('0x80040400');
    }
  });
});
