/**
 * qbXML request documents tieout sends through the Web Connector: one message set per sendRequestXML, with
 * `onError="stopOnError"`. Every child is written in the order of Intuit's qbXML 13.0 templates (the DTD is a
 * sequence: QuickBooks refuses an element out of place).
 */
import type { EntitySpec } from './entities.ts';
import { buildQbXml, type QbNode } from './xml.ts';

export interface QbRequest {
  /** Element name, e.g. `CustomerQueryRq`. */
  name: string;
  requestId: string;
  /** Extra attributes (iterator, iteratorID). */
  attrs?: Record<string, string>;
  body: QbNode;
}

export function requestDocument(version: string, requests: QbRequest[]): string {
  const rqs: QbNode = {};
  for (const r of requests) {
    const node: QbNode = { '@_requestID': r.requestId };
    for (const [k, v] of Object.entries(r.attrs ?? {})) node[`@_${k}`] = v;
    Object.assign(node, r.body);
    const existing = rqs[r.name];
    rqs[r.name] = existing === undefined ? [node] : [...(existing as QbNode[]), node];
  }
  return buildQbXml(version, { QBXMLMsgsRq: { '@_onError': 'stopOnError', ...rqs } });
}

export interface QueryOptions {
  requestId: string;
  maxReturned?: number;
  /** Records modified at or after this QuickBooks date-time (incremental read). */
  fromModified?: string;
  /** Continue an iterator started earlier in the same session. */
  iteratorId?: string;
  /** OwnerID 0 asks for the company's custom fields (DataExtRet). */
  customFields?: boolean;
}

/** A query for one entity: iterator Start/Continue, MaxReturned, ActiveStatus, modified-date filter. */
export function queryRequest(spec: EntitySpec, o: QueryOptions): QbRequest {
  const name = `${spec.query}Rq`;
  if (o.iteratorId) {
    // Only MaxReturned may go with Continue: the filters were fixed by the Start request.
    return {
      name,
      requestId: o.requestId,
      attrs: { iterator: 'Continue', iteratorID: o.iteratorId },
      body: o.maxReturned ? { MaxReturned: String(o.maxReturned) } : {},
    };
  }
  const body: QbNode = {};
  if (spec.iterator && o.maxReturned) body.MaxReturned = String(o.maxReturned);
  if (spec.family === 'list') {
    if (spec.activeStatus) body.ActiveStatus = 'All';
    if (o.fromModified) body.FromModifiedDate = o.fromModified;
  } else {
    if (o.fromModified) body.ModifiedDateRangeFilter = { FromModifiedDate: o.fromModified };
    if (spec.includeLineItems) body.IncludeLineItems = 'true';
    if (spec.includeLinkedTxns) body.IncludeLinkedTxns = 'true';
  }
  if (spec.ownerId && o.customFields) body.OwnerID = '0';
  return {
    name,
    requestId: o.requestId,
    attrs: spec.iterator ? { iterator: 'Start' } : undefined,
    body,
  };
}

export function deletedRequest(
  kind: 'List' | 'Txn',
  types: readonly string[],
  requestId: string,
  fromDeleted?: string,
): QbRequest {
  const body: QbNode = { [`${kind}DelType`]: [...types] };
  if (fromDeleted) body.DeletedDateRangeFilter = { FromDeletedDate: fromDeleted };
  return { name: `${kind}DeletedQueryRq`, requestId, body };
}

/** Job Estimates vs Actuals Summary, all dates: QuickBooks' own job totals, compared with tieout's. */
export function jobReportRequest(requestId: string): QbRequest {
  return {
    name: 'JobReportQueryRq',
    requestId,
    body: { JobReportType: 'JobEstimatesVsActualsSummary', ReportDateMacro: 'All' },
  };
}

/** Host and company, for a session whose first call carried no strHCPResponse. */
export function identityRequests(ownerId: string): QbRequest[] {
  return [
    { name: 'HostQueryRq', requestId: 'host', body: {} },
    { name: 'CompanyQueryRq', requestId: 'company', body: { OwnerID: ownerId } },
  ];
}
