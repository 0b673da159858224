/**
 * A QuickBooks Web Connector imitation: runs one update session against any tieout endpoint URL over SOAP,
 * exactly in QBWC's call order, relaying each qbXML request to a sandbox company's processor. It can also
 * behave as a broken installation does: a wrong password, an old Web Connector, QuickBooks not opening
 * (connectionError), a request QuickBooks cannot parse (hresult), a different company file, or a session
 * dropped halfway (the Web Connector killed: no more calls, not even closeConnection).
 */
import { Agent, request } from 'undici';
import { parseSoapResponse, QBWC_NS, soapRequest } from '../qbwc/soap.ts';
import type { QbCompany } from './company.ts';
import { hcpResponse, QbProcessingError, QbXmlProcessor } from './qbxml-server.ts';

export interface WebConnectorOptions {
  /** The AppURL of the .qwc file. */
  url: string;
  userName: string;
  password: string;
  /** The .qwc file's OwnerID and FileID: stamped into the company file on its first session, as QBWC does. */
  ownerId: string;
  fileId: string;
  company: QbCompany;
  clientVersion?: string;
  /** QBWC sends Host/Company/Preferences on the first sendRequestXML; false sends an empty strHCPResponse. */
  sendHcp?: boolean;
  /** Stop after this many requests without another call (a Web Connector killed mid-session). */
  dropAfter?: number;
  /**
   * The Web Connector dies after QuickBooks processed this request, before its answer reaches tieout (no more
   * calls): what QuickBooks did stays done, tieout never hears of it.
   */
  dropAfterProcessing?: (request: string) => boolean;
  /** QuickBooks cannot be opened: connectionError instead of the request loop. */
  connectionError?: { hresult: string; message: string };
  /** Called with each qbXML request before QuickBooks processes it (tests, the bench). */
  onRequest?: (xml: string) => void;
  /**
   * Replaces QuickBooks' answer to a request (a status code QuickBooks would give in a situation the sandbox
   * cannot stage), or makes the request fail as the Web Connector reports it (an HRESULT).
   */
  respond?: (request: string, response: string) => string | { hresult: string; message: string };
}

export type SessionOutcome =
  | 'complete'
  | 'failed'
  | 'nvu'
  | 'none'
  | 'client_refused'
  | 'connection_error'
  | 'dropped';

export interface SessionTranscript {
  outcome: SessionOutcome;
  ticket?: string;
  calls: { method: string; result: string | string[] }[];
  requests: number;
  lastError?: string;
  closeMessage?: string;
  clientVersionAnswer?: string;
  serverVersion?: string;
  /** Bytes of qbXML requests and responses relayed. */
  bytes: number;
}

export async function runWebConnectorSession(o: WebConnectorOptions): Promise<SessionTranscript> {
  // A connection per call (no keep-alive): QuickBooks may take longer over a request than a server keeps an
  // idle connection open, and a reused connection the server has just closed would fail a sound call.
  const dispatcher = new Agent();
  try {
    return await session(o, dispatcher);
  } finally {
    await dispatcher.close();
  }
}

async function session(o: WebConnectorOptions, dispatcher: Agent): Promise<SessionTranscript> {
  const t: SessionTranscript = { outcome: 'complete', calls: [], requests: 0, bytes: 0 };
  const call = async (method: string, params: [string, string | number][]) => {
    const res = await request(o.url, {
      dispatcher,
      method: 'POST',
      reset: true,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${QBWC_NS}${method}"` },
      body: soapRequest(method, params),
    });
    const body = await res.body.text();
    const result = parseSoapResponse(body, method);
    t.calls.push({
      method,
      result: method === 'sendRequestXML' ? `(${String(result).length} chars)` : result,
    });
    return result;
  };
  const company = o.company;
  if (!company.identity.fileIds.has(o.ownerId)) company.identity.fileIds.set(o.ownerId, o.fileId);
  t.serverVersion = String(await call('serverVersion', []));
  const cv = String(await call('clientVersion', [['strVersion', o.clientVersion ?? '2.3.0.215']]));
  t.clientVersionAnswer = cv;
  if (cv.startsWith('E:')) return { ...t, outcome: 'client_refused', lastError: cv.slice(2) };
  const auth = await call('authenticate', [
    ['strUserName', o.userName],
    ['strPassword', o.password],
  ]);
  const [ticket = '', answer = ''] = Array.isArray(auth) ? auth : [];
  t.ticket = ticket;
  if (answer === 'nvu') return { ...t, outcome: 'nvu' };
  if (answer === 'none') {
    t.closeMessage = String(await call('closeConnection', [['ticket', ticket]]));
    return { ...t, outcome: 'none' };
  }
  if (o.connectionError) {
    await call('connectionError', [
      ['ticket', ticket],
      ['hresult', o.connectionError.hresult],
      ['message', o.connectionError.message],
    ]);
    t.lastError = String(await call('getLastError', [['ticket', ticket]]));
    t.closeMessage = String(await call('closeConnection', [['ticket', ticket]]));
    return { ...t, outcome: 'connection_error' };
  }
  const processor = new QbXmlProcessor(company);
  const highest = company.identity.supportedVersions.at(-1) ?? '13.0';
  const [major = '13', minor = '0'] = highest.split('.');
  const end = async (outcome: SessionOutcome) => {
    if (outcome !== 'complete') t.lastError = String(await call('getLastError', [['ticket', ticket]]));
    t.closeMessage = String(await call('closeConnection', [['ticket', ticket]]));
    return { ...t, outcome };
  };
  for (let first = true; ; first = false) {
    const request = String(
      await call('sendRequestXML', [
        ['ticket', ticket],
        ['strHCPResponse', first && o.sendHcp !== false ? hcpResponse(company, o.ownerId) : ''],
        ['strCompanyFileName', company.identity.filePath],
        ['qbXMLCountry', company.identity.country],
        ['qbXMLMajorVers', major],
        ['qbXMLMinorVers', minor],
      ]),
    );
    if (request === '') return end('failed');
    t.requests++;
    if (o.dropAfter !== undefined && t.requests > o.dropAfter) return { ...t, outcome: 'dropped' };
    o.onRequest?.(request);
    let response = '';
    let hresult = '';
    let message = '';
    try {
      response = processor.process(request);
    } catch (e) {
      if (!(e instanceof QbProcessingError)) throw e;
      hresult = e.hresult;
      message = e.message;
    }
    if (o.dropAfterProcessing?.(request)) return { ...t, outcome: 'dropped' };
    if (o.respond) {
      const replaced = o.respond(request, response);
      if (typeof replaced === 'string') response = replaced;
      else ({ hresult, message } = replaced);
    }
    t.bytes += request.length + response.length;
    const done = Number(
      await call('receiveResponseXML', [
        ['ticket', ticket],
        ['response', response],
        ['hresult', hresult],
        ['message', message],
      ]),
    );
    if (done < 0) return end('failed');
    if (done >= 100) return end('complete');
  }
}
