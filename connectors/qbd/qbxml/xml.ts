/**
 * qbXML as data: one parser (fast-xml-parser) and one builder (xmlbuilder2) for everything tieout reads from
 * or writes to QuickBooks, so no XML is ever made by joining strings and every value is escaped.
 *
 * A parsed element is a `QbNode`: child element name → string (a leaf), QbNode, or an array of them when the
 * element may repeat (the names qbXML repeats are listed below, so a single child is still an array). Element
 * order matters to QuickBooks (the DTD is a sequence), so builders take objects whose keys are in the order
 * the qbXML 13.0 templates give, and JavaScript keeps insertion order.
 */
import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import type { ExpandObject } from 'xmlbuilder2/lib/interfaces.js';

export type QbValue = string | QbNode | QbValue[];
export interface QbNode {
  [name: string]: QbValue | undefined;
}

/** Elements that may repeat in the requests and responses tieout handles. */
const REPEATED = new Set([
  'SupportedQBXMLVersion',
  'DataExtRet',
  'LinkedTxn',
  'TxnLineDetail',
  'JournalDebitLine',
  'JournalCreditLine',
  'ColDesc',
  'ColTitle',
  'DataRow',
  'TextRow',
  'SubtotalRow',
  'TotalRow',
  'ColData',
  'TxnDelType',
  'ListDelType',
  'Service',
  'OwnerID',
  'IncludeRetElement',
  'AccountType',
]);

/** Filters in requests repeat ids and names (`<ListID>` one or more); records carry one of each. */
const REPEATED_IN_FILTERS = new Set(['ListID', 'FullName', 'TxnID', 'RefNumber']);

function isRepeated(name: string, jpath: string): boolean {
  if (REPEATED_IN_FILTERS.has(name)) {
    const parent = jpath.split('.').at(-2) ?? '';
    return parent.endsWith('Rq') || parent.endsWith('Filter');
  }
  return (
    REPEATED.has(name) ||
    name.endsWith('Ret') ||
    name.endsWith('LineRet') ||
    name.endsWith('LineGroupRet') ||
    name.endsWith('LineAdd') ||
    name.endsWith('LineMod') ||
    (name.endsWith('Rq') && name !== 'QBXMLMsgsRq') ||
    (name.endsWith('Rs') && name !== 'QBXMLMsgsRs')
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: false,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name, jpath, _isLeaf, isAttribute) => !isAttribute && isRepeated(name, String(jpath)),
});

export class QbXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QbXmlError';
  }
}

/** Parses an XML document; a malformed one throws QbXmlError saying so. */
export function parseXml(xml: string): QbNode {
  try {
    return parser.parse(xml, true) as QbNode;
  } catch (e) {
    throw new QbXmlError(`not well-formed XML: ${(e as Error).message}`);
  }
}

/** The `version` of a `<?qbxml version="13.0"?>` processing instruction, if the document has one. */
export function qbxmlVersionOf(doc: QbNode): string | undefined {
  const pi = doc['?qbxml'] as QbNode | QbNode[] | undefined;
  const first = Array.isArray(pi) ? pi[0] : pi;
  const version = first?.['@_version'];
  return typeof version === 'string' ? version : undefined;
}

/** Builds a qbXML document: declaration, `<?qbxml version?>`, then `<QBXML>` with the given content. */
export function buildQbXml(version: string, qbxml: QbNode): string {
  return create({ version: '1.0', encoding: 'utf-8' })
    .ins('qbxml', `version="${version}"`)
    .ele({ QBXML: toBuilder(qbxml) })
    .end({ headless: false });
}

/** Builds a qbXML response document as QuickBooks writes it: declaration, then `<QBXML>` (no qbxml PI). */
export function buildQbXmlResponse(qbxml: QbNode): string {
  return create({ version: '1.0' })
    .ele({ QBXML: toBuilder(qbxml) })
    .end();
}

/** Builds any XML document from a QbNode (attributes as `@_name`, text beside attributes as `#text`). */
export function buildXml(root: QbNode): string {
  return create({ version: '1.0', encoding: 'utf-8' })
    .ele(toBuilder(root) as ExpandObject)
    .end();
}

/** fast-xml-parser's shape → xmlbuilder2's object shape (`@name` attributes, `#` text). */
function toBuilder(node: QbValue): ExpandObject | ExpandObject[] | string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(toBuilder) as ExpandObject[];
  const out: ExpandObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (key.startsWith('@_')) out[`@${key.slice(2)}`] = value;
    else if (key === '#text') out['#'] = value;
    else out[key] = toBuilder(value);
  }
  return out;
}

// ------------------------------------------------------------------ reading parsed nodes

export function child(node: QbNode | undefined, name: string): QbNode | undefined {
  const v = node?.[name];
  if (v === undefined || typeof v === 'string') return undefined;
  return Array.isArray(v) ? (v[0] as QbNode | undefined) : v;
}

export function children(node: QbNode | undefined, name: string): QbNode[] {
  const v = node?.[name];
  if (v === undefined || typeof v === 'string') return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is QbNode => typeof x === 'object' && !Array.isArray(x));
}

/** A leaf's text; '' counts as absent. */
export function text(node: QbNode | undefined, name: string): string | undefined {
  let v = node?.[name];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined) return undefined;
  if (typeof v === 'object') {
    const t = (v as QbNode)['#text'];
    return typeof t === 'string' && t !== '' ? t : undefined;
  }
  return v === '' ? undefined : v;
}

export function texts(node: QbNode | undefined, name: string): string[] {
  const v = node?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
}

export function attr(node: QbNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** A `...Ref` aggregate: { ListID, FullName }. */
export interface Ref {
  listId?: string;
  fullName?: string;
}

export function ref(node: QbNode | undefined, name: string): Ref | undefined {
  const r = child(node, name);
  if (!r) return undefined;
  const out: Ref = { listId: text(r, 'ListID'), fullName: text(r, 'FullName') };
  return out.listId || out.fullName ? out : undefined;
}

export function refNode(r: Ref): QbNode {
  const out: QbNode = {};
  if (r.listId) out.ListID = r.listId;
  if (r.fullName) out.FullName = r.fullName;
  return out;
}

export function bool(node: QbNode | undefined, name: string): boolean | undefined {
  const v = text(node, name);
  return v === undefined ? undefined : v === 'true';
}
