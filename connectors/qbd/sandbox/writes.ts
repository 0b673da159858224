/**
 * The sandbox company's Add requests (VendorAdd, CustomerAdd, BillAdd, PurchaseOrderAdd): a record made the way
 * QuickBooks makes it — a new ListID or TxnID, TimeCreated/TimeModified and EditSequence, every `...Ref`
 * resolved to the list record it names (ListID and FullName), lines numbered with TxnLineIDs, LinkToTxnID turned
 * into LinkedTxn, totals computed — or refused with QuickBooks' status 3140 when a reference names nothing.
 */
import { Dec } from '../../canonical/money.ts';
import { type QbNode, text } from '../qbxml/xml.ts';
import type { QbCompany, StoredRecord } from './company.ts';
import { refTo } from './render-lists.ts';

export type WithStatus = (
  s: { code: number; severity: 'Info' | 'Warn' | 'Error'; message: string },
  b?: QbNode,
) => QbNode;

const REF_LISTS: Record<string, readonly string[]> = {
  VendorRef: ['VendorRet'],
  ParentRef: ['CustomerRet'],
  CustomerRef: ['CustomerRet'],
  ItemRef: ['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet'],
  ClassRef: ['ClassRet'],
  AccountRef: ['AccountRet'],
  APAccountRef: ['AccountRet'],
};

const ADDS: Record<string, { ret: string; family: 'list' | 'txn' }> = {
  VendorAddRq: { ret: 'VendorRet', family: 'list' },
  CustomerAddRq: { ret: 'CustomerRet', family: 'list' },
  BillAddRq: { ret: 'BillRet', family: 'txn' },
  PurchaseOrderAddRq: { ret: 'PurchaseOrderRet', family: 'txn' },
};

export const isAddRequest = (name: string) => Object.hasOwn(ADDS, name);

export class BadReference extends Error {}

function find(company: QbCompany, rets: readonly string[], r: QbNode): StoredRecord | undefined {
  const id = text(r, 'ListID');
  const name = text(r, 'FullName')?.toLowerCase();
  return company
    .all('list', rets)
    .find((x) => x.id === id || String(x.node.FullName ?? x.node.Name ?? '').toLowerCase() === name);
}

/** Copies an Add node into a Ret node: refs resolved, lines numbered, `...LineAdd` → `...LineRet`. */
export function toRet(company: QbCompany, node: QbNode): QbNode {
  const out: QbNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (REF_LISTS[key] && typeof value === 'object' && !Array.isArray(value)) {
      const found = find(company, REF_LISTS[key]!, value as QbNode);
      if (!found)
        throw new BadReference(
          `There is an invalid reference to QuickBooks ${key.replace(/Ref$/, '')} "${text(value as QbNode, 'FullName') ?? text(value as QbNode, 'ListID')}" in the request.`,
        );
      out[key] = refTo(found);
    } else if (key.endsWith('LineAdd')) {
      const lines = (Array.isArray(value) ? value : [value]) as QbNode[];
      out[key.replace(/Add$/, 'Ret')] = lines.map((l) => ({
        TxnLineID: company.newLineId(),
        ...toRet(company, l),
      }));
    } else out[key] = value;
  }
  return out;
}

export const sumLines = (ret: QbNode, keys: string[]) =>
  keys
    .flatMap((k) => (ret[k] as QbNode[] | undefined) ?? [])
    .reduce((s, l) => s.plus(new Dec(text(l, 'Amount') ?? 0)), new Dec(0));

export function answerAdd(company: QbCompany, name: string, rq: QbNode, withStatus: WithStatus): QbNode {
  const spec = ADDS[name]!;
  const addNode = rq[name.replace(/Rq$/, '')] as QbNode | QbNode[] | undefined;
  const add = (Array.isArray(addNode) ? addNode[0] : addNode) ?? {};
  let body: QbNode;
  try {
    body = toRet(company, add);
  } catch (e) {
    if (e instanceof BadReference) return withStatus({ code: 3140, severity: 'Error', message: e.message });
    throw e;
  }
  if (spec.ret === 'CustomerRet') {
    const parent = body.ParentRef as QbNode | undefined;
    body.FullName = parent ? `${text(parent, 'FullName')}:${body.Name}` : String(body.Name);
    body.Sublevel = parent ? String(String(body.FullName).split(':').length - 1) : '0';
  }
  if (spec.family === 'list' && find(company, [spec.ret], { FullName: String(body.FullName ?? body.Name) }))
    return withStatus({
      code: 3100,
      severity: 'Error',
      message: `The name "${body.FullName ?? body.Name}" of the list element is already in use.`,
    });
  const link = text(add, 'LinkToTxnID');
  if (link) {
    const po = company.get('txn', link);
    if (!po)
      return withStatus({
        code: 3120,
        severity: 'Error',
        message: `Object "${link}" specified in the request cannot be found.`,
      });
    delete body.LinkToTxnID;
    body.LinkedTxn = [
      {
        TxnID: po.id,
        TxnType: 'PurchaseOrder',
        TxnDate: String(po.node.TxnDate),
        RefNumber: String(po.node.RefNumber),
        LinkType: 'AMTTYPE',
        Amount: sumLines(body, ['ItemLineRet']).toFixed(2),
      },
    ];
  }
  if (spec.ret === 'BillRet') body.AmountDue = sumLines(body, ['ExpenseLineRet', 'ItemLineRet']).toFixed(2);
  if (spec.ret === 'PurchaseOrderRet') body.TotalAmount = sumLines(body, ['PurchaseOrderLineRet']).toFixed(2);
  const record = company.create(spec.family, spec.ret, (s) => ({
    [spec.family === 'list' ? 'ListID' : 'TxnID']: s.id,
    TimeCreated: s.created,
    TimeModified: s.modified,
    EditSequence: s.editSequence,
    ...body,
  }));
  return withStatus({ code: 0, severity: 'Info', message: 'Status OK' }, { [spec.ret]: record.node });
}
