/**
 * Helpers for the QuickBooks Desktop tests: the reference templates (Intuit's qbXML 13.0 element order), a
 * sandbox over the small canonical fixture, and a direct read of a sandbox company (every entity, all pages)
 * into the mapping's mirror shape — the session engine's job, done here without SOAP to test the mapping alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { MirrorRecord, MirrorSource } from '../../connectors/qbd/map/mirror.ts';
import { ENTITIES } from '../../connectors/qbd/qbxml/entities.ts';
import { jobReportRequest, queryRequest, requestDocument } from '../../connectors/qbd/qbxml/requests.ts';
import { parseResponses } from '../../connectors/qbd/qbxml/responses.ts';
import { text } from '../../connectors/qbd/qbxml/xml.ts';
import type { QbXmlProcessor } from '../../connectors/qbd/sandbox/index.ts';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const REFERENCE = path.join(FIXTURES, 'reference');
export const reference = (name: string) => readFileSync(path.join(REFERENCE, name), 'utf8');

type Tree = { [name: string]: Tree | Tree[] | string };

/** The templates as one tree; `templateOf('BillRet')` is the first element of that name, in DTD order. */
let templates: Tree | undefined;
const templateCache = new Map<string, Tree>();

export function templateOf(name: string): Tree {
  const cached = templateCache.get(name);
  if (cached) return cached;
  templates ??= parseTemplates();
  const found = find(templates, name);
  if (!found) throw new Error(`no template for ${name}`);
  templateCache.set(name, found);
  return found;
}

function parseTemplates(): Tree {
  const raw = ['qbxmlops130-jobcost-subset.xml', 'qbxmlops130-writes-and-credits.xml']
    .map((f) => reference(f).replace(/<\?xml[^>]*\?>/, ''))
    .join('\n');
  return new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(`<root>${raw}</root>`) as Tree;
}

function find(tree: Tree | Tree[] | string, name: string): Tree | undefined {
  if (typeof tree === 'string') return undefined;
  if (Array.isArray(tree)) {
    for (const t of tree) {
      const f = find(t, name);
      if (f) return f;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(tree)) {
    if (k === name && typeof v === 'object') return (Array.isArray(v) ? v[0] : v) as Tree;
    const f = find(v, name);
    if (f) return f;
  }
  return undefined;
}

/** Element names of `node` out of the template's order (empty when the node follows the DTD sequence). */
export function outOfOrder(node: Record<string, unknown>, template: Tree, where: string): string[] {
  const order = Object.keys(template);
  const problems: string[] = [];
  let last = -1;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const at = order.indexOf(key);
    if (at < 0) problems.push(`${where}: ${key} is not in the template`);
    else if (at < last) problems.push(`${where}: ${key} comes after ${order[last]}`);
    else last = at;
    const sub = template[key];
    if (at >= 0 && typeof sub === 'object' && !Array.isArray(sub)) {
      for (const v of Array.isArray(value) ? value : [value])
        if (v && typeof v === 'object')
          problems.push(...outOfOrder(v as Record<string, unknown>, sub, `${where}.${key}`));
    }
  }
  return problems;
}

/** Reads every entity of a sandbox company page by page, straight through its qbXML processor. */
export function readCompany(processor: QbXmlProcessor, pageSize = 500): MirrorSource {
  const store = new Map<string, MirrorRecord[]>();
  for (const spec of ENTITIES) {
    const records: MirrorRecord[] = [];
    let iteratorId: string | undefined;
    for (;;) {
      const xml = processor.process(
        requestDocument('13.0', [
          queryRequest(spec, { requestId: '1', maxReturned: pageSize, iteratorId, customFields: true }),
        ]),
      );
      const rs = parseResponses(xml)[0]!;
      for (const r of rs.rets)
        records.push({ id: text(r.node, 'ListID') ?? text(r.node, 'TxnID')!, ret: r.name, node: r.node });
      if (!spec.iterator || !rs.iteratorRemainingCount) break;
      iteratorId = rs.iteratorId;
    }
    store.set(spec.name, records);
  }
  const report = parseResponses(processor.process(requestDocument('13.0', [jobReportRequest('r')])))[0]!;
  return { records: (e) => store.get(e) ?? [], jobReport: () => report.rets[0]?.node };
}
