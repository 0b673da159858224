/**
 * qbXML as data: one parser and one builder (fast-xml-parser's) for everything tieout reads from
 * or writes to QuickBooks, so no XML is ever made by joining strings and every value is escaped.
 *
 * A parsed element is a `QbNode`: child element name → string (a leaf), QbNode, or an array of them when the
 * element may repeat (the names qbXML repeats are listed below, so a single child is still an array). Element
 * order matters to QuickBooks (the DTD is a sequence), so builders take objects whose keys are in the order
 * the qbXML 13.0 templates give, and JavaScript keeps insertion order.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

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

// fast-xml-parser's builder: it takes the parser's own shape and escapes every `&` (xmlbuilder2 leaves text that
// looks like an entity, "&amp;", unescaped, so a name holding one would not survive), and it is fast.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});

/** Builds a qbXML document: declaration, `<?qbxml version?>`, then `<QBXML>` with the given content. */
export function buildQbXml(version: string, qbxml: QbNode): string {
  if (!/^\d+\.\d+$/.test(version)) throw new QbXmlError(`qbXML version ${version} is not a version number`);
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?>${builder.build({ QBXML: qbxml })}`;
}

/** Builds a qbXML response document as QuickBooks writes it: declaration, then `<QBXML>` (no qbxml PI). */
export function buildQbXmlResponse(qbxml: QbNode): string {
  return `<?xml version="1.0"?>${builder.build({ QBXML: qbxml })}`;
}

/** Builds any XML document from a QbNode (attributes as `@_name`, text beside attributes as `#text`). */
export function buildXml(root: QbNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(root)}`;
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
