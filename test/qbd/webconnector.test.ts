/**
 * The Web Connector endpoint over real HTTP: every SOAP method and return value (also through a client
 * generated from the WSDL by the `soap` package), whole sessions driven as QBWC drives them against a sandbox
 * company, iterators over many pages, incremental sessions with modifications and deletions, status codes,
 * the FileID and company-name refusal, and a session dropped halfway. Clocks are injected: the service's
 * (tieout's) and the sandbox company's (QuickBooks').
 */
import path from 'node:path';
import { createClientAsync } from 'soap';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mirrorTables } from '../../connectors/qbd/map/index.ts';
import { DEFAULT_MAPPING, type QbdMapping } from '../../connectors/qbd/map/mapping.ts';
import type { MirrorSource } from '../../connectors/qbd/map/mirror.ts';
import { QbwcService } from '../../connectors/qbd/qbwc/service.ts';
import { parseSoapResponse, soapRequest } from '../../connectors/qbd/qbwc/soap.ts';
import { ENTITIES } from '../../connectors/qbd/qbxml/entities.ts';
import { parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { buildQbXmlResponse, child, parseXml, type QbNode, text } from '../../connectors/qbd/qbxml/xml.ts';
import { registerCompany } from '../../connectors/qbd/qwc.ts';
import type { QbCompany } from '../../connectors/qbd/sandbox/company.ts';
import { runWebConnectorSession, type WebConnectorOptions } from '../../connectors/qbd/sandbox/driver.ts';
import { startEndpoint, tickingClock } from '../../connectors/qbd/sandbox/in-process.ts';
import { QbXmlProcessor, sandboxFromDataset } from '../../connectors/qbd/sandbox/index.ts';
import { QbdStore } from '../../connectors/qbd/store.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { tempDir } from '../support/tmp.ts';
import { readCompany, reference } from './support.ts';

let dataset: string;
beforeAll(async () => {
  const dir = tempDir('tieout-qbwc-');
  // A small company (6 jobs, still hundreds of bills): the contract does not need the planted cases.
  await generateDemo({ outDir: dir, asOf: '2026-11-20', scale: { jobs: 6 }, plant: false });
  dataset = path.join(dir, 'erp');
}, 180_000);

const T0 = Date.parse('2026-11-20T15:00:00Z');

interface Rig {
  store: QbdStore;
  service: QbwcService;
  url: string;
  /** tieout's clock. */
  now: { ms: number };
  company: QbCompany;
  /** QuickBooks' clock (ticks a second a reading; jump by setting it). */
  qbClock: { ms: number };
  login: Pick<WebConnectorOptions, 'userName' | 'password' | 'ownerId' | 'fileId'>;
  session: (o?: Partial<WebConnectorOptions>) => ReturnType<typeof runWebConnectorSession>;
  close: () => Promise<void>;
}

const open: Rig[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

async function rig(o: { pageSize?: number; runEveryMinutes?: number } = {}): Promise<Rig> {
  const store = new QbdStore(':memory:');
  const now = { ms: T0 };
  const qbClock = { ms: T0 - 86_400_000 };
  const { company } = await sandboxFromDataset(dataset, {
    now: () => {
      qbClock.ms += 1000;
      return new Date(qbClock.ms);
    },
  });
  const service = new QbwcService({
    store,
    now: () => new Date(now.ms),
    serverVersion: '9.9.9',
    plan: { pageSize: o.pageSize ?? 500, fullSweepDays: 7 },
  });
  const endpoint = await startEndpoint(service);
  const reg = await registerCompany(store, {
    companyId: 'acme',
    runEveryMinutes: o.runEveryMinutes ?? 60,
    now: new Date(now.ms),
  });
  const login = { userName: reg.userName, password: reg.password, ownerId: reg.ownerId, fileId: reg.fileId };
  const r: Rig = {
    store,
    service,
    url: endpoint.url,
    now,
    company,
    qbClock,
    login,
    session: (extra = {}) => runWebConnectorSession({ url: endpoint.url, company, ...login, ...extra }),
    close: async () => {
      await endpoint.close();
      store.close();
    },
  };
  open.push(r);
  return r;
}

async function soap(url: string, method: string, params: [string, string | number][] = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"http://developer.intuit.com/${method}"`,
    },
    body: soapRequest(method, params),
  });
  return { status: res.status, body: await res.text() };
}

const MAPPING: QbdMapping = {
  ...DEFAULT_MAPPING,
  costTypes: 'class',
  linkedIdField: 'Procore ID',
  sources: {
    payrollPayees: ['Payroll Service'],
    payrollAccounts: [],
    equipmentAccounts: ['Equipment Costs'],
  },
};

async function tables(source: MirrorSource) {
  const out: Record<string, string[]> = {};
  for await (const s of mirrorTables(source, MAPPING, { side: 'erp', progress: () => {} }, '2026-11-20')) {
    const rows: string[] = [];
    for await (const r of s.records) if (r.ok) rows.push(JSON.stringify(r.values));
    out[s.table] = rows.sort();
  }
  return out;
}

describe('the SOAP contract', () => {
  it('serves the WSDL with its address set to the endpoint, and a client generated from it runs every method', async () => {
    const r = await rig();
    const wsdl = await (await fetch(`${r.url}?wsdl`)).text();
    expect(wsdl).toContain(`location="${r.url}"`);
    const client = await createClientAsync(`${r.url}?wsdl`, { endpoint: r.url });
    const [sv] = await client.serverVersionAsync({});
    expect(sv.serverVersionResult).toBe('tieout 9.9.9');
    const [cv] = await client.clientVersionAsync({ strVersion: '2.3.0.215' });
    expect(cv.clientVersionResult ?? '').toBe('');
    const [bad] = await client.authenticateAsync({
      strUserName: r.login.userName,
      strPassword: 'wrong password',
    });
    expect(bad.authenticateResult.string[1]).toBe('nvu');
    const [auth] = await client.authenticateAsync({
      strUserName: r.login.userName,
      strPassword: r.login.password,
    });
    const [ticket, answer] = auth.authenticateResult.string as string[];
    expect([typeof ticket, answer ?? '']).toEqual(['string', '']);
    const [first] = await client.sendRequestXMLAsync({
      ticket,
      strHCPResponse: reference('qbwc-gem-strHCPResponse-Host-Company-Preferences.xml'),
      strCompanyFileName: 'C:\\Company.QBW',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    // The reference HCP response is QuickBooks Pro 2014 supporting 1.0…13.0: tieout asks in 13.0.
    expect(first.sendRequestXMLResult).toMatch(
      /^<\?xml[^>]*\?><\?qbxml version="13.0"\?><QBXML><QBXMLMsgsRq onError="stopOnError"><AccountQueryRq requestID="0.0">/,
    );
    const [received] = await client.receiveResponseXMLAsync({
      ticket,
      response: reference('qbwc-gem-CustomerQueryRs-status3120-error.xml'),
      hresult: '',
      message: '',
    });
    expect(received.receiveResponseXMLResult).toBe(-1);
    const [last] = await client.getLastErrorAsync({ ticket });
    expect(last.getLastErrorResult).toMatch(/status 3120/);
    const [ce] = await client.connectionErrorAsync({ ticket, hresult: '0x80040401', message: 'x' });
    expect(ce.connectionErrorResult).toBe('DONE');
    const [closed] = await client.closeConnectionAsync({ ticket });
    expect(closed.closeConnectionResult).toMatch(/status 3120/);
  });

  it('warns an old Web Connector and refuses a very old one', () => {
    const service = new QbwcService({
      store: new QbdStore(':memory:'),
      now: () => new Date(T0),
      serverVersion: '1',
    });
    expect(service.clientVersion('2.3.0.215')).toBe('');
    expect(service.clientVersion('2.1.0.30')).toMatch(/^W:/);
    expect(service.clientVersion('1.5.0.0')).toMatch(/^E:.*2\.0 or later/);
  });

  it('answers a fault naming the methods for an unknown method or a body that is not SOAP', async () => {
    const r = await rig();
    const unknown = await soap(r.url, 'interactiveDone', [['ticket', 'x']]);
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatch(/soap:Client.*unknown method interactiveDone/s);
    const res = await fetch(r.url, { method: 'POST', body: '<nope' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('soap:Client');
  });

  it('escapes the qbXML it sends and reads back every character (a name with < & and quotes)', async () => {
    const r = await rig();
    const vendor = r.company.all('list', ['VendorRet'])[0]!;
    r.company.touch(vendor, (n) => {
      n.CompanyName = 'Smith & Sons <"Concrete">';
    });
    expect((await r.session()).outcome).toBe('complete');
    const names = [...r.store.mirror('acme').records('Vendor')].map((v) => text(v.node, 'CompanyName'));
    expect(names).toContain('Smith & Sons <"Concrete">');
  });
});

describe('a whole session', () => {
  it('reads every record through iterators of many pages, as a direct read of the company gets them', async () => {
    const r = await rig({ pageSize: 75 });
    const t = await r.session();
    expect(t.outcome).toBe('complete');
    expect(t.closeMessage).toMatch(/^tieout read \d+ records from Sandbox Construction/);
    const direct = readCompany(new QbXmlProcessor(r.company));
    const mirror = r.store.mirror('acme');
    let total = 0;
    for (const spec of ENTITIES) {
      const want = [...direct.records(spec.name)].map((x) => x.id).sort();
      const got = [...mirror.records(spec.name)].map((x) => x.id).sort();
      expect(got, spec.name).toEqual(want);
      total += want.length;
      // Every iterator page but the last carried 75 records.
      if (spec.iterator) expect(t.requests).toBeGreaterThanOrEqual(Math.ceil(want.length / 75));
    }
    const pages = ENTITIES.reduce(
      (n, s) => n + (s.iterator ? Math.max(1, Math.ceil([...direct.records(s.name)].length / 75)) : 1),
      0,
    );
    expect(t.requests).toBe(pages + 1); // + Job Estimates vs Actuals Summary
    expect(r.store.sessions('acme').at(-1)).toMatchObject({ status: 'complete', records: total + 1 });
    expect(await tables(mirror)).toEqual(await tables(direct));
    expect(mirror.jobReport()).toEqual(direct.jobReport());
  });

  it('records the edition, country and qbXML version, with or without the Host/Company/Preferences response', async () => {
    for (const sendHcp of [true, false]) {
      const r = await rig();
      expect((await r.session({ sendHcp })).outcome).toBe('complete');
      expect(r.store.sessions('acme').at(-1)).toMatchObject({
        product: 'QuickBooks Enterprise Solutions: Contractor 23.0',
        country: 'US',
        qbxmlVersion: '13.0',
        companyName: 'Sandbox Construction (QuickBooks)',
      });
    }
  });

  it('reads only changes, deletions included, on the next session, and the copy matches a fresh read', async () => {
    const r = await rig();
    const first = await r.session();
    expect(first.outcome).toBe('complete');
    r.qbClock.ms += 3_600_000;
    const bill = r.company.all('txn', ['BillRet'])[10]!;
    r.company.touch(bill, (n) => {
      n.Memo = 'changed in QuickBooks';
    });
    const gone = r.company.all('txn', ['BillRet'])[11]!;
    r.company.remove(gone, 'Bill');
    const goneVendor = r.company.all('list', ['VendorRet']).at(-1)!;
    r.company.remove(goneVendor, 'Vendor');
    r.now.ms += 2 * 3_600_000;
    const second = await r.session();
    expect(second.outcome).toBe('complete');
    const session = r.store.sessions('acme').at(-1)!;
    expect(JSON.parse(session.plan!).read.full).toBe(false);
    // Changed records only: far fewer than the first session read.
    expect(session.records).toBeLessThan(60);
    const mirror = r.store.mirror('acme');
    const bills = [...mirror.records('Bill')];
    expect(bills.find((b) => b.id === bill.id)?.node.Memo).toBe('changed in QuickBooks');
    expect(bills.some((b) => b.id === gone.id)).toBe(false);
    expect([...mirror.records('Vendor')].some((v) => v.id === goneVendor.id)).toBe(false);
    expect(await tables(mirror)).toEqual(await tables(readCompany(new QbXmlProcessor(r.company))));
  });

  it('answers "none" while the last session is fresher than half the schedule', async () => {
    const r = await rig({ runEveryMinutes: 60 });
    expect((await r.session()).outcome).toBe('complete');
    r.now.ms += 20 * 60_000;
    expect((await r.session()).outcome).toBe('none');
    r.now.ms += 15 * 60_000;
    expect((await r.session()).outcome).toBe('complete');
  });

  it('sweeps in full after fullSweepDays', async () => {
    const r = await rig();
    await r.session();
    r.now.ms += 8 * 86_400_000;
    await r.session();
    expect(JSON.parse(r.store.sessions('acme').at(-1)!.plan!).read.full).toBe(true);
  });
});

describe('failures leave the previous complete data current', () => {
  async function withFirstSession() {
    const r = await rig();
    expect((await r.session()).outcome).toBe('complete');
    const before = { state: r.store.state('acme'), count: r.store.recordCount('acme') };
    r.now.ms += 2 * 3_600_000;
    r.qbClock.ms += 3_600_000;
    const bill = r.company.all('txn', ['BillRet'])[3]!;
    r.company.remove(bill, 'Bill');
    return { r, before };
  }

  it('a session dropped halfway (no closeConnection) is abandoned at the next sign-in', async () => {
    const { r, before } = await withFirstSession();
    const dropped = await r.session({ dropAfter: 3 });
    expect(dropped.outcome).toBe('dropped');
    expect(r.store.state('acme')).toEqual(before.state);
    expect(r.store.recordCount('acme')).toBe(before.count);
    r.now.ms += 60_000;
    expect((await r.session()).outcome).toBe('complete');
    const statuses = r.store.sessions('acme').map((s) => s.status);
    expect(statuses).toEqual(['complete', 'abandoned', 'complete']);
    expect(r.store.recordCount('acme')).toBe(before.count - 1);
  });

  it('a wrong password is "nvu" and opens no session', async () => {
    const { r } = await withFirstSession();
    const t = await r.session({ password: 'not the password' });
    expect(t.outcome).toBe('nvu');
    expect(r.store.sessions('acme')).toHaveLength(1);
  });

  it('QuickBooks not opening (connectionError) fails the session with its HRESULT', async () => {
    const { r, before } = await withFirstSession();
    const t = await r.session({
      connectionError: { hresult: '0x80040401', message: 'Could not access QuickBooks.' },
    });
    expect(t.outcome).toBe('connection_error');
    expect(t.lastError).toBe(
      'The Web Connector could not open QuickBooks (0x80040401): Could not access QuickBooks.',
    );
    expect(r.store.state('acme')).toEqual(before.state);
  });

  /** The sandbox's answer to the first CustomerQueryRq, with the status of a reference response. */
  const customerStatusFrom = (fixture: string) => (request: string, response: string) => {
    if (!request.includes('<CustomerQueryRq') || request.includes('Continue')) return response;
    const status = parseResponses(reference(fixture))[0]!;
    const doc = parseXml(response);
    const rs = (child(child(doc, 'QBXML'), 'QBXMLMsgsRs')!.CustomerQueryRs as QbNode[])[0]!;
    rs['@_statusCode'] = String(status.statusCode);
    rs['@_statusSeverity'] = status.statusSeverity;
    rs['@_statusMessage'] = status.statusMessage;
    return buildQbXmlResponse(child(doc, 'QBXML')!);
  };

  it('a 3xxx status fails the session with QuickBooks’ message; a 500 warning is recorded and the session goes on', async () => {
    const { r, before } = await withFirstSession();
    const t = await r.session({
      respond: customerStatusFrom('qbwc-gem-CustomerQueryRs-status3120-error.xml'),
    });
    expect(t.outcome).toBe('failed');
    const error = parseResponses(reference('qbwc-gem-CustomerQueryRs-status3120-error.xml'))[0]!;
    expect(t.lastError).toBe(`QuickBooks refused CustomerQueryRq (status 3120): ${error.statusMessage}`);
    expect(r.store.state('acme')).toEqual(before.state);
    expect(r.store.recordCount('acme')).toBe(before.count);

    r.now.ms += 60_000;
    const warn = parseResponses(reference('qbwc-gem-CustomerQueryRs-status500-warn.xml'))[0]!;
    expect(warn.status).toBe('warn');
    const ok = await r.session({
      respond: customerStatusFrom('qbwc-gem-CustomerQueryRs-status500-warn.xml'),
    });
    expect(ok.outcome).toBe('complete');
    expect(r.store.sessions('acme').at(-1)!.warnings).toEqual([
      `CustomerQueryRs status 500: ${warn.statusMessage}`,
    ]);
  });

  it('a request QuickBooks cannot parse (hresult) fails the session and says so in getLastError', async () => {
    const { r, before } = await withFirstSession();
    const t = await r.session({
      respond: () => ({
        hresult: '0x80040400',
        message: 'QuickBooks found an error when parsing the provided XML text stream.',
      }),
    });
    expect(t.outcome).toBe('failed');
    expect(t.lastError).toMatch(/^QuickBooks could not process tieout's request \(0x80040400\)/);
    expect(r.store.state('acme')).toEqual(before.state);
  });

  it('a different company file is refused and never mixed in: another FileID, or another company name', async () => {
    const { r, before } = await withFirstSession();
    const { company: other } = await sandboxFromDataset(dataset, {
      now: tickingClock(new Date(T0)),
      identity: { companyName: 'Another Builder LLC' },
    });
    other.identity.fileIds.set(r.login.ownerId, '{00000000-0000-0000-0000-000000000001}');
    const byFileId = await r.session({ company: other });
    expect(byFileId.outcome).toBe('failed');
    expect(byFileId.lastError).toMatch(
      /^This is a different company file \(FileID \{00000000-0000-0000-0000-000000000001\}/,
    );
    const { company: renamed } = await sandboxFromDataset(dataset, {
      now: tickingClock(new Date(T0)),
      identity: { companyName: 'Another Builder LLC' },
    });
    r.now.ms += 60_000;
    const byName = await r.session({ company: renamed });
    expect(byName.lastError).toMatch(/"Another Builder LLC".*reads "Sandbox Construction \(QuickBooks\)"/);
    expect(r.store.sessions('acme').map((s) => s.status)).toEqual(['complete', 'refused', 'refused']);
    expect(r.store.state('acme')).toEqual(before.state);
    expect(r.store.recordCount('acme')).toBe(before.count);
  });
});

describe('soap envelopes', () => {
  it('parse a result array and a fault', () => {
    expect(
      parseSoapResponse(
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticateResponse xmlns="http://developer.intuit.com/"><authenticateResult><string>t</string><string></string></authenticateResult></authenticateResponse></soap:Body></soap:Envelope>',
        'authenticate',
      ),
    ).toEqual(['t', '']);
  });
});
