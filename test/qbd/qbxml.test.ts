/**
 * qbXML reading and writing, held to Intuit's reference material: real-shaped responses from the qbwc gem
 * (status 0, 500 Warn, 3120 Error, the HCP response), the constructed job-cost responses, and the qbXML 13.0
 * templates' element order for every request tieout builds.
 */
import { describe, expect, it } from 'vitest';
import { ENTITIES, entity } from '../../connectors/qbd/qbxml/entities.ts';
import {
  deletedRequest,
  identityRequests,
  jobReportRequest,
  queryRequest,
  requestDocument,
} from '../../connectors/qbd/qbxml/requests.ts';
import { classifyStatus, parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { child, parseXml, qbxmlVersionOf, text, texts } from '../../connectors/qbd/qbxml/xml.ts';
import { outOfOrder, reference, templateOf } from './support.ts';

describe('status codes', () => {
  it('follow Intuit’s ranges: 0 OK, 1 no match (not an error), 500s warnings, 3xxx errors', () => {
    expect(classifyStatus(0, 'Info')).toBe('ok');
    expect(classifyStatus(1, 'Info')).toBe('no_match');
    expect(classifyStatus(530, 'Warn')).toBe('warn');
    expect(classifyStatus(3120, 'Error')).toBe('error');
    expect(classifyStatus(3140)).toBe('error');
    expect(classifyStatus(510)).toBe('warn');
  });

  it('reads the qbwc gem responses with their status and message', () => {
    const ok = parseResponses(reference('qbwc-gem-CustomerQueryRs-status0.xml'))[0]!;
    expect([ok.name, ok.status, ok.rets.length]).toEqual(['CustomerQueryRs', 'ok', 1]);
    expect(text(ok.rets[0]!.node, 'ListID')).toBe('8000001B-1405777862');
    const warn = parseResponses(reference('qbwc-gem-CustomerQueryRs-status500-warn.xml'))[0]!;
    expect([warn.statusCode, warn.status]).toEqual([500, 'warn']);
    expect(warn.statusMessage).toContain('"bleech"');
    const error = parseResponses(reference('qbwc-gem-CustomerQueryRs-status3120-error.xml'))[0]!;
    expect([error.statusCode, error.status]).toEqual([3120, 'error']);
    expect(error.statusMessage).toContain('"8000001B-1405768916" specified in the request cannot be found');
  });

  it('reads iterator attributes and every Ret of a page', () => {
    const rs = parseResponses(reference('constructed-CustomerQueryRs-jobs-iterator.xml'))[0]!;
    expect(rs.iteratorId).toBe('{0B6DF5C1-61E3-4C2B-9A7E-2F1D5C6A9B10}');
    expect([rs.retCount, rs.iteratorRemainingCount, rs.rets.length]).toEqual([2, 0, 2]);
  });

  it('reads the HCP response: host versions, company, FileID data extension', () => {
    const doc = parseResponses(reference('qbwc-gem-strHCPResponse-Host-Company-Preferences.xml'));
    expect(doc.map((r) => r.name)).toEqual(['HostQueryRs', 'CompanyQueryRs', 'PreferencesQueryRs']);
    const host = doc[0]!.rets[0]!.node;
    expect(texts(host, 'SupportedQBXMLVersion')).toHaveLength(16);
    expect(texts(host, 'SupportedQBXMLVersion').at(-1)).toBe('13.0');
  });

  it('refuses a document that is not XML or not qbXML, saying which', () => {
    expect(() => parseResponses('<QBXML><QBXMLMsgsRs>')).toThrow(/not well-formed XML/);
    expect(() => parseResponses('<?xml version="1.0"?><Other/>')).toThrow(/no <QBXML> element/);
  });
});

describe('requests', () => {
  const rqOf = (xml: string) => {
    const doc = parseXml(xml);
    return { version: qbxmlVersionOf(doc), msgs: child(child(doc, 'QBXML'), 'QBXMLMsgsRq')! };
  };

  it('carry the qbxml version, stopOnError, and escape every value', () => {
    const xml = requestDocument('13.0', [
      { name: 'CustomerQueryRq', requestId: 'a<&>"b', body: { FullName: ['Smith & Sons <Main>'] } },
    ]);
    expect(xml).toContain('<?qbxml version="13.0"?>');
    expect(xml).toContain('Smith &amp; Sons &lt;Main&gt;');
    const { version, msgs } = rqOf(xml);
    expect(version).toBe('13.0');
    expect(msgs['@_onError']).toBe('stopOnError');
    expect(texts(child(msgs, 'CustomerQueryRq'), 'FullName')).toEqual(['Smith & Sons <Main>']);
  });

  it('follow the qbXML 13.0 element order for every query tieout sends', () => {
    for (const spec of ENTITIES) {
      const rq = queryRequest(spec, {
        requestId: '1',
        maxReturned: 100,
        fromModified: '2026-11-01T00:00:00-07:00',
        customFields: true,
      });
      const node = child(rqOf(requestDocument('13.0', [rq])).msgs, rq.name)!;
      expect(outOfOrder(node, templateOf(rq.name), rq.name)).toEqual([]);
    }
    for (const rq of [
      deletedRequest('List', ['Customer', 'Vendor'], '2', 'x'),
      deletedRequest('Txn', ['Bill'], '3', 'x'),
      jobReportRequest('4'),
      ...identityRequests('{1}'),
    ]) {
      const node = child(rqOf(requestDocument('13.0', [rq])).msgs, rq.name)!;
      expect(outOfOrder(node, templateOf(rq.name), rq.name)).toEqual([]);
    }
  });

  it('continue an iterator with only MaxReturned, as the templates require', () => {
    const rq = queryRequest(entity('Bill'), {
      requestId: 'b',
      maxReturned: 50,
      iteratorId: '{X}',
      fromModified: 'ignored',
    });
    expect(rq.attrs).toEqual({ iterator: 'Continue', iteratorID: '{X}' });
    expect(rq.body).toEqual({ MaxReturned: '50' });
  });

  it('ask lists for inactive records too (inactive jobs are closed jobs)', () => {
    expect(queryRequest(entity('Customer'), { requestId: 'c' }).body.ActiveStatus).toBe('All');
    expect(queryRequest(entity('Class'), { requestId: 'c', maxReturned: 10 }).attrs).toBeUndefined();
  });
});
