/**
 * The sandbox's qbXML processor: what QuickBooks does with a request document the Web Connector relays. It
 * answers queries with the company's records (filters by id, name, modified date, entity, ActiveStatus;
 * IncludeLineItems, IncludeLinkedTxns and OwnerID trim the records as QuickBooks does), runs iterators
 * (Start/Continue, MaxReturned, iteratorRemainingCount; an iterator lives only as long as its processor,
 * i.e. one Web Connector session), reports deletions, and answers with QuickBooks' status codes: 0 OK,
 * 1 no match, 500 a listed object not found, 3xxx errors. Writes are in write-requests.ts.
 */
import { randomUUID } from 'node:crypto';
import { ENTITIES, type EntitySpec, LIST_DEL_TYPES, TXN_DEL_TYPES } from '../qbxml/entities.ts';
import {
  buildQbXmlResponse,
  child,
  children,
  parseXml,
  type QbNode,
  qbxmlVersionOf,
  text,
  texts,
} from '../qbxml/xml.ts';
import type { QbCompany, StoredRecord } from './company.ts';
import { jobReport } from './job-report.ts';
import { answerMod, isModRequest } from './mods.ts';
import { answerAdd, isAddRequest } from './writes.ts';

/** What the Web Connector hands back when QuickBooks could not process a request at all. */
export class QbProcessingError extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
    this.name = 'QbProcessingError';
  }
}

export const PARSE_ERROR = '0x80040400';

interface Iterator {
  spec: EntitySpec;
  remaining: StoredRecord[];
  options: TrimOptions;
}
interface TrimOptions {
  lineItems: boolean;
  linkedTxns: boolean;
  customFields: boolean;
}

type Status = { code: number; severity: 'Info' | 'Warn' | 'Error'; message: string };
const OK: Status = { code: 0, severity: 'Info', message: 'Status OK' };
const NO_MATCH: Status = {
  code: 1,
  severity: 'Info',
  message: 'A query request did not find a matching object in QuickBooks',
};

export class QbXmlProcessor {
  private readonly iterators = new Map<string, Iterator>();
  /** Requests processed, by element name (for tests and the bench). */
  readonly served = new Map<string, number>();

  constructor(readonly company: QbCompany) {}

  process(requestXml: string): string {
    let doc: QbNode;
    try {
      doc = parseXml(requestXml);
    } catch {
      throw new QbProcessingError(
        PARSE_ERROR,
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    }
    const version = qbxmlVersionOf(doc);
    const msgs = child(child(doc, 'QBXML'), 'QBXMLMsgsRq');
    if (!version || !msgs || !this.company.identity.supportedVersions.includes(version)) {
      throw new QbProcessingError(
        PARSE_ERROR,
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    }
    const onError = String(msgs['@_onError'] ?? 'stopOnError');
    const out: QbNode = {};
    let stopped = false;
    for (const [name, value] of Object.entries(msgs)) {
      if (name.startsWith('@_') || value === undefined) continue;
      for (const rq of children(msgs, name)) {
        if (stopped) continue;
        this.served.set(name, (this.served.get(name) ?? 0) + 1);
        const rsName = `${name.slice(0, -2)}Rs`;
        const rs = this.answer(name, rq);
        const list = (out[rsName] as QbNode[] | undefined) ?? [];
        list.push(rs);
        out[rsName] = list;
        if (onError === 'stopOnError' && Number(rs['@_statusCode']) >= 1000) stopped = true;
      }
    }
    return buildQbXmlResponse({ QBXMLMsgsRs: out });
  }

  private answer(name: string, rq: QbNode): QbNode {
    const requestId = rq['@_requestID'] as string | undefined;
    const withStatus = (status: Status, body: QbNode = {}, extra: QbNode = {}): QbNode => ({
      ...(requestId !== undefined ? { '@_requestID': requestId } : {}),
      '@_statusCode': String(status.code),
      '@_statusSeverity': status.severity,
      '@_statusMessage': status.message,
      ...extra,
      ...body,
    });
    if (name === 'HostQueryRq') return withStatus(OK, { HostRet: hostRet(this.company) });
    if (name === 'CompanyQueryRq')
      return withStatus(OK, { CompanyRet: companyRet(this.company, texts(rq, 'OwnerID')) });
    if (name === 'JobReportQueryRq') return withStatus(OK, { ReportRet: jobReport(this.company) });
    if (name === 'ListDeletedQueryRq' || name === 'TxnDeletedQueryRq')
      return this.deleted(name, rq, withStatus);
    if (isAddRequest(name)) return answerAdd(this.company, name, rq, withStatus);
    if (isModRequest(name)) return answerMod(this.company, name, rq, withStatus);
    const spec = ENTITIES.find((e) => `${e.query}Rq` === name);
    if (!spec)
      throw new QbProcessingError(
        PARSE_ERROR,
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    return this.query(spec, rq, withStatus);
  }

  private query(
    spec: EntitySpec,
    rq: QbNode,
    withStatus: (s: Status, b?: QbNode, e?: QbNode) => QbNode,
  ): QbNode {
    const iterator = rq['@_iterator'] as string | undefined;
    const max = Number(text(rq, 'MaxReturned') ?? 0) || undefined;
    if (iterator === 'Continue') {
      const id = String(rq['@_iteratorID'] ?? '');
      const it = this.iterators.get(id);
      if (!it || it.spec !== spec)
        return withStatus({
          code: 3170,
          severity: 'Error',
          message: `There was an error when continuing the iterator with iteratorID ${id}: it is unknown or has expired`,
        });
      return this.page(it, id, max, withStatus);
    }
    let records = this.company.all(spec.family, spec.rets);
    let status = OK;
    const ids = texts(rq, spec.family === 'list' ? 'ListID' : 'TxnID');
    const names = texts(rq, spec.family === 'list' ? 'FullName' : 'RefNumber');
    if (ids.length || names.length) {
      const wantedIds = new Set(ids);
      const wantedNames = new Set(names.map((n) => n.toLowerCase()));
      const key = spec.family === 'list' ? 'FullName' : 'RefNumber';
      records = records.filter(
        (r) => wantedIds.has(r.id) || wantedNames.has(String(r.node[key] ?? r.node.Name ?? '').toLowerCase()),
      );
      const missing = ids.filter((id) => !records.some((r) => r.id === id));
      if (spec.family === 'list' && missing.length)
        status = {
          code: 500,
          severity: 'Warn',
          message: `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
        };
    } else {
      const active = text(rq, 'ActiveStatus') ?? 'ActiveOnly';
      if (spec.activeStatus && active !== 'All')
        records = records.filter(
          (r) => (String(r.node.IsActive ?? 'true') === 'true') === (active === 'ActiveOnly'),
        );
      const from =
        text(rq, 'FromModifiedDate') ?? text(child(rq, 'ModifiedDateRangeFilter'), 'FromModifiedDate');
      const to = text(rq, 'ToModifiedDate') ?? text(child(rq, 'ModifiedDateRangeFilter'), 'ToModifiedDate');
      if (from) records = records.filter((r) => r.modifiedMs >= instant(from));
      if (to) records = records.filter((r) => r.modifiedMs <= instant(to));
      const entity = child(rq, 'EntityFilter');
      if (entity) records = records.filter((r) => mentionsEntity(r.node, entity));
      const refFilter = child(rq, 'RefNumberFilter');
      if (refFilter) records = records.filter((r) => matches(String(r.node.RefNumber ?? ''), refFilter));
    }
    records.sort((a, b) => a.modifiedMs - b.modifiedMs || a.id.localeCompare(b.id));
    const options: TrimOptions = {
      lineItems: text(rq, 'IncludeLineItems') === 'true',
      linkedTxns: text(rq, 'IncludeLinkedTxns') === 'true',
      customFields: texts(rq, 'OwnerID').includes('0'),
    };
    if (records.length === 0 && status === OK)
      return withStatus(
        NO_MATCH,
        {},
        iterator === 'Start'
          ? { '@_retCount': '0', '@_iteratorRemainingCount': '0', '@_iteratorID': `{${randomUUID()}}` }
          : { '@_retCount': '0' },
      );
    if (iterator === 'Start') {
      const id = `{${randomUUID()}}`;
      const it = { spec, remaining: records, options };
      this.iterators.set(id, it);
      return this.page(it, id, max, withStatus);
    }
    const shown = max ? records.slice(0, max) : records;
    return withStatus(status, rets(shown, options, spec), { '@_retCount': String(shown.length) });
  }

  private page(
    it: Iterator,
    id: string,
    max: number | undefined,
    withStatus: (s: Status, b?: QbNode, e?: QbNode) => QbNode,
  ) {
    const shown = it.remaining.slice(0, max ?? it.remaining.length);
    it.remaining = it.remaining.slice(shown.length);
    if (it.remaining.length === 0) this.iterators.delete(id);
    return withStatus(shown.length ? OK : NO_MATCH, rets(shown, it.options, it.spec), {
      '@_retCount': String(shown.length),
      '@_iteratorRemainingCount': String(it.remaining.length),
      '@_iteratorID': id,
    });
  }

  private deleted(
    name: string,
    rq: QbNode,
    withStatus: (s: Status, b?: QbNode, e?: QbNode) => QbNode,
  ): QbNode {
    const list = name === 'ListDeletedQueryRq';
    const types = new Set(texts(rq, list ? 'ListDelType' : 'TxnDelType'));
    const known = list ? LIST_DEL_TYPES : TXN_DEL_TYPES;
    const from = text(child(rq, 'DeletedDateRangeFilter'), 'FromDeletedDate');
    const found = this.company.deleted.filter(
      (d) =>
        d.family === (list ? 'list' : 'txn') &&
        types.has(d.type) &&
        known.includes(d.type) &&
        (!from || d.deletedMs >= instant(from)),
    );
    if (found.length === 0) return withStatus(NO_MATCH, {}, { '@_retCount': '0' });
    const ret = found.map((d) =>
      list
        ? {
            ListDelType: d.type,
            ListID: d.id,
            TimeCreated: d.createdAt,
            TimeDeleted: d.deletedAt,
            FullName: d.name ?? '',
          }
        : {
            TxnDelType: d.type,
            TxnID: d.id,
            TimeCreated: d.createdAt,
            TimeDeleted: d.deletedAt,
            ...(d.name ? { RefNumber: d.name } : {}),
          },
    );
    return withStatus(
      OK,
      { [list ? 'ListDeletedRet' : 'TxnDeletedRet']: ret },
      { '@_retCount': String(found.length) },
    );
  }
}

/** A qbXML date-time ("2026-11-20T08:00:00-07:00", or local "2026-11-20T08:00:00") or date as epoch ms. */
export function instant(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00-07:00`);
  if (/[+-]\d{2}:\d{2}$|Z$/.test(value)) return Date.parse(value);
  return Date.parse(`${value}-07:00`);
}

function matches(value: string, filter: QbNode): boolean {
  const wanted = (text(filter, 'RefNumber') ?? '').toLowerCase();
  const v = value.toLowerCase();
  switch (text(filter, 'MatchCriterion')) {
    case 'StartsWith':
      return v.startsWith(wanted);
    case 'EndsWith':
      return v.endsWith(wanted);
    case 'Contains':
      return v.includes(wanted);
    default:
      // StartsWith, Contains and EndsWith are all qbXML has: anything else does not parse.
      throw new QbProcessingError(
        PARSE_ERROR,
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
  }
}

function mentionsEntity(node: QbNode, filter: QbNode): boolean {
  const ids = new Set(texts(filter, 'ListID'));
  const names = new Set(texts(filter, 'FullName').map((n) => n.toLowerCase()));
  for (const key of ['VendorRef', 'CustomerRef', 'PayeeEntityRef']) {
    const r = child(node, key);
    if (!r) continue;
    if (ids.has(text(r, 'ListID') ?? '') || names.has((text(r, 'FullName') ?? '').toLowerCase())) return true;
  }
  return false;
}

function rets(records: StoredRecord[], o: TrimOptions, spec: EntitySpec): QbNode {
  const out: QbNode = {};
  for (const r of records) {
    const node: QbNode = {};
    for (const [k, v] of Object.entries(r.node)) {
      if (v === undefined) continue;
      if (!o.lineItems && spec.family === 'txn' && /Line(Group)?Ret$|^Journal(Debit|Credit)Line$/.test(k))
        continue;
      if (!o.linkedTxns && k === 'LinkedTxn') continue;
      if (!o.customFields && k === 'DataExtRet') continue;
      node[k] = v;
    }
    const list = (out[r.ret] as QbNode[] | undefined) ?? [];
    list.push(node);
    out[r.ret] = list;
  }
  return out;
}

function hostRet(company: QbCompany): QbNode {
  const id = company.identity;
  return {
    ProductName: id.productName,
    MajorVersion: id.majorVersion,
    MinorVersion: '0',
    Country: id.country,
    SupportedQBXMLVersion: id.supportedVersions,
    IsAutomaticLogin: 'false',
    QBFileMode: 'SingleUser',
  };
}

function companyRet(company: QbCompany, ownerIds: string[]): QbNode {
  const id = company.identity;
  const ext = [...id.fileIds]
    .filter(([owner]) => ownerIds.includes(owner))
    .map(([owner, fileId]) => ({
      OwnerID: owner,
      DataExtName: 'FileID',
      DataExtType: 'STR255TYPE',
      DataExtValue: fileId,
    }));
  return {
    IsSampleCompany: 'false',
    CompanyName: id.companyName,
    LegalCompanyName: id.companyName,
    ...(ext.length ? { DataExtRet: ext } : {}),
  };
}

/** The strHCPResponse the Web Connector sends on the first sendRequestXML of a session. */
export function hcpResponse(company: QbCompany, ownerId: string): string {
  return buildQbXmlResponse({
    QBXMLMsgsRs: {
      HostQueryRs: [
        {
          '@_requestID': '0',
          '@_statusCode': '0',
          '@_statusSeverity': 'Info',
          '@_statusMessage': 'Status OK',
          HostRet: hostRet(company),
        },
      ],
      CompanyQueryRs: [
        {
          '@_requestID': '1',
          '@_statusCode': '0',
          '@_statusSeverity': 'Info',
          '@_statusMessage': 'Status OK',
          CompanyRet: companyRet(company, [ownerId]),
        },
      ],
      PreferencesQueryRs: [
        {
          '@_requestID': '2',
          '@_statusCode': '0',
          '@_statusSeverity': 'Info',
          '@_statusMessage': 'Status OK',
          PreferencesRet: {
            AccountingPreferences: {
              IsUsingAccountNumbers: 'true',
              IsRequiringAccounts: 'true',
              IsUsingClassTracking: company.identity.classTracking ? 'true' : 'false',
            },
            JobsAndEstimatesPreferences: { IsUsingEstimates: 'true', IsUsingProgressInvoicing: 'true' },
          },
        },
      ],
    },
  });
}
