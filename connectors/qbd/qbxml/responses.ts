/**
 * qbXML responses: the `...Rs` elements of a QBXMLMsgsRs with their status, iterator attributes and `...Ret`
 * records. Status codes follow Intuit's ranges: 0–499 Info, 500–999 Warn, 1000 and above Error; code 1 is
 * "no match" (a query that found nothing), which is not an error.
 */
import { attr, child, children, parseXml, type QbNode, QbXmlError } from './xml.ts';

export type StatusClass = 'ok' | 'no_match' | 'warn' | 'error';

export interface QbResponse {
  /** The element name, e.g. `CustomerQueryRs`. */
  name: string;
  requestId?: string;
  statusCode: number;
  statusSeverity: string;
  statusMessage: string;
  status: StatusClass;
  retCount?: number;
  iteratorRemainingCount?: number;
  iteratorId?: string;
  /** `...Ret` element name → records, in document order per name. */
  rets: { name: string; node: QbNode }[];
  node: QbNode;
}

export function classifyStatus(code: number, severity?: string): StatusClass {
  if (code === 1) return 'no_match';
  const s = severity?.toLowerCase();
  if (s === 'error' || (!s && code >= 1000)) return 'error';
  if (s === 'warn' || (!s && code >= 500)) return 'warn';
  return 'ok';
}

const int = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
};

/** Parses a response document; one that is not qbXML throws QbXmlError naming what is missing. */
export function parseResponses(xml: string): QbResponse[] {
  const doc = parseXml(xml);
  const qbxml = child(doc, 'QBXML');
  if (!qbxml) throw new QbXmlError('the response has no <QBXML> element');
  const msgs = child(qbxml, 'QBXMLMsgsRs');
  if (!msgs) throw new QbXmlError('the response has no <QBXMLMsgsRs> element');
  const out: QbResponse[] = [];
  for (const [name, value] of Object.entries(msgs)) {
    if (!name.endsWith('Rs') || value === undefined) continue;
    for (const node of children(msgs, name)) out.push(response(name, node));
    void value;
  }
  return out;
}

export function response(name: string, node: QbNode): QbResponse {
  const code = int(attr(node, 'statusCode'));
  if (code === undefined) throw new QbXmlError(`${name} has no statusCode`);
  const severity = attr(node, 'statusSeverity') ?? '';
  const rets: QbResponse['rets'] = [];
  for (const key of Object.keys(node)) {
    if (!key.endsWith('Ret')) continue;
    for (const r of children(node, key)) rets.push({ name: key, node: r });
  }
  return {
    name,
    requestId: attr(node, 'requestID'),
    statusCode: code,
    statusSeverity: severity,
    statusMessage: attr(node, 'statusMessage') ?? '',
    status: classifyStatus(code, severity || undefined),
    retCount: int(attr(node, 'retCount')),
    iteratorRemainingCount: int(attr(node, 'iteratorRemainingCount')),
    iteratorId: attr(node, 'iteratorID'),
    rets,
    node,
  };
}
