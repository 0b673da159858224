/**
 * SOAP 1.1 as the QuickBooks Web Connector speaks it (document/literal, namespace http://developer.intuit.com/):
 * the method is the Body's one child, its parameters are that child's elements. Parsed with fast-xml-parser,
 * built with fast-xml-parser's builder, so every value (a whole qbXML document travels as one escaped string) is escaped.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const QBWC_NS = 'http://developer.intuit.com/';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export class SoapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapError';
  }
}

export interface SoapCall {
  method: string;
  params: Record<string, string>;
}

// The elements that carry whole qbXML documents are read raw as stop nodes and decoded by `decodeText` once:
// fast-xml-parser takes seconds to walk a multi-megabyte text character by character, a stop node milliseconds.
const BIG = ['response', 'strHCPResponse', 'sendRequestXMLResult'];
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  stopNodes: BIG.map((n) => `*.${n}`),
  isArray: (name) => name === 'string',
});

const CHAR_REF = /&#(?:(\d+)|x([0-9a-fA-F]+));/g;

/**
 * The text of an element: XML's five named entities and character references decoded in one pass; CDATA
 * sections (some clients wrap the qbXML in one) kept as written.
 */
export function decodeText(raw: string): string {
  if (raw.includes('<![CDATA[')) {
    return raw
      .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
      .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
      .join('');
  }
  return decodeEntities(raw);
}

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  // Native replaceAll per entity, `&amp;` last so "&amp;lt;" becomes "&lt;" and not "<" (one callback per match
  // over a million entities takes seconds).
  let out = raw
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'");
  if (out.includes('&#'))
    out = out.replace(CHAR_REF, (_m, dec: string | undefined, hex: string | undefined) =>
      String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex!, 16)),
    );
  return out.replaceAll('&amp;', '&');
}

/** Reads a SOAP request: the method name and its string parameters (absent ones are left out). */
export function parseSoapRequest(xml: string): SoapCall {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (e) {
    throw new SoapError(`the request is not well-formed XML: ${(e as Error).message}`);
  }
  const envelope = doc.Envelope as Record<string, unknown> | undefined;
  const body = envelope?.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw new SoapError('the request has no SOAP Envelope/Body');
  const names = Object.keys(body).filter((k) => !k.startsWith('#'));
  if (names.length !== 1) throw new SoapError('the SOAP Body must hold exactly one method element');
  const method = names[0]!;
  const raw = body[method];
  const params: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (k.startsWith('#')) continue;
      if (typeof v === 'string') params[k] = decodeText(v);
      else if (v && typeof v === 'object' && typeof (v as Record<string, unknown>)['#text'] === 'string')
        params[k] = decodeText(String((v as Record<string, unknown>)['#text']));
      else params[k] = '';
    }
  }
  return { method, params };
}

// fast-xml-parser's builder escapes every `&`; xmlbuilder2 leaves `&name;` sequences alone, which would
// corrupt a qbXML document carried as a string (its own `&amp;` must travel as `&amp;amp;`).
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: true,
  suppressEmptyNode: false,
});
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

function envelope(body: Record<string, unknown>): string {
  return (
    DECLARATION +
    builder.build({
      'soap:Envelope': {
        '@_xmlns:soap': SOAP_ENV_NS,
        '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
        'soap:Body': body,
      },
    })
  );
}

/** The SOAP response of a method: `<methodResponse><methodResult>…` with a string, an int or a string array. */
export function soapResponse(method: string, result: string | number | string[]): string {
  const value = Array.isArray(result) ? { string: result } : String(result);
  return envelope({ [`${method}Response`]: { '@_xmlns': QBWC_NS, [`${method}Result`]: value } });
}

/** A SOAP 1.1 fault: `soap:Client` when the caller sent something wrong, `soap:Server` otherwise. */
export function soapFault(code: 'Client' | 'Server', message: string): string {
  return envelope({ 'soap:Fault': { faultcode: `soap:${code}`, faultstring: message } });
}

/** A SOAP request as the Web Connector sends it (used by the driver, so both sides share the envelope rules). */
export function soapRequest(method: string, params: [string, string | number][]): string {
  const el: Record<string, unknown> = { '@_xmlns': QBWC_NS };
  for (const [name, value] of params) el[name] = String(value);
  return envelope({ [method]: el });
}

/** Reads a SOAP response: the `…Result` value (a string, or the `<string>` items of an ArrayOfString). */
export function parseSoapResponse(xml: string, method: string): string | string[] {
  const doc = parser.parse(xml, true) as Record<string, unknown>;
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as
    | Record<string, unknown>
    | undefined;
  if (!body) throw new SoapError('the response has no SOAP Envelope/Body');
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault)
    throw new SoapError(`SOAP fault ${String(fault.faultcode)}: ${decodeText(String(fault.faultstring))}`);
  const response = body[`${method}Response`] as Record<string, unknown> | string | undefined;
  if (response === undefined) throw new SoapError(`the response has no ${method}Response`);
  const result = typeof response === 'object' ? response[`${method}Result`] : undefined;
  if (result === undefined || result === '') return '';
  if (typeof result === 'string') return decodeText(result);
  const items = (result as Record<string, unknown>).string;
  if (Array.isArray(items)) return items.map((i) => (typeof i === 'string' ? decodeText(i) : ''));
  return '';
}
