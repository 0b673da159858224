/**
 * The writes an approved proposal may ask of QuickBooks Desktop, each with the exact payload (zod), the query
 * that finds an earlier attempt, and the Add request that makes it. Every write carries its idempotency key
 * where QuickBooks keeps it: a transaction's RefNumber (with the vendor) and `tieout:<key>` in its Memo; a list
 * record's name. Element order follows the qbXML 13.0 DTD as Intuit's request templates give it (Add requests
 * are not in the reference subset: the order mirrors the `...Ret` order there; verify against real QuickBooks).
 */
import { z } from 'zod';
import { Dec } from '../../canonical/money.ts';
import type { QbNode } from '../qbxml/xml.ts';
import { ESTIMATE_REVISE, estimatePlan } from './estimate.ts';
import { isoDate, memoKey, money, name, ref } from './fields.ts';

export { memoKey } from './fields.ts';

const refNumber = name(20);

/** A cost line: the cost-code item, the job (Customer:Job full name) and the class (cost type), if any. */
const costLine = z
  .object({
    item: name(159),
    job: name(209),
    class: name(159).optional(),
    description: z.string().max(4095).optional(),
    amount: money,
  })
  .strict();

export const QBD_WRITE_OPERATIONS = {
  'qbd.vendor.add': z
    .object({ name: name(41), companyName: name(41).optional(), vendorType: name(159).optional() })
    .strict(),
  'qbd.job.add': z
    .object({
      /** The customer (owner) the job goes under. */
      customer: name(209),
      name: name(41),
      jobStatus: z
        .enum(['Awarded', 'Closed', 'InProgress', 'None', 'NotAwarded', 'Pending'])
        .default('Awarded'),
      startDate: isoDate.optional(),
      description: z.string().max(99).optional(),
    })
    .strict(),
  'qbd.bill.add': z
    .object({
      vendor: name(41),
      refNumber,
      txnDate: isoDate,
      dueDate: isoDate.optional(),
      /** The purchase order (subcontract) the bill is against: its TxnID. */
      purchaseOrderTxnId: z.string().min(1).optional(),
      lines: z.array(costLine).min(1),
      /** Retainage withheld: a negative expense line on the retainage payable account, on the job. */
      retainage: z
        .object({ account: name(159), job: name(209), amount: money })
        .strict()
        .optional(),
    })
    .strict(),
  'qbd.purchase_order.add': z
    .object({ vendor: name(41), refNumber, txnDate: isoDate, lines: z.array(costLine).min(1) })
    .strict(),
  'qbd.estimate.revise': ESTIMATE_REVISE,
} as const;

export type QbdWriteOperation = keyof typeof QBD_WRITE_OPERATIONS;
export const isQbdWriteOperation = (op: string): op is QbdWriteOperation =>
  Object.hasOwn(QBD_WRITE_OPERATIONS, op);

type Payload<O extends QbdWriteOperation> = z.output<(typeof QBD_WRITE_OPERATIONS)[O]>;

/** A qbXML request a write sends: its name and body. */
export interface WriteRequestXml {
  name: string;
  body: QbNode;
}

/** What the answer to the find means for the write. */
export type AfterFind =
  /** The earlier attempt is there (this write's key): nothing is sent. */
  | { kind: 'found'; id: string | undefined }
  /** Nothing can be written (someone else's record, no estimate to revise): the write fails saying why. */
  | { kind: 'refuse'; error: string }
  /** Send this request (an Add, or a Mod quoting what the find returned). */
  | { kind: 'write'; request: WriteRequestXml };

export interface WritePlan {
  /** The query that finds an earlier attempt (and, for a Mod, the record to modify). */
  find: WriteRequestXml;
  /** The Add request, for writes that add a record. */
  add?: WriteRequestXml;
  afterFind(found: QbNode[]): AfterFind;
  /** QuickBooks statuses on the write that mean "find again, then write" (a stale EditSequence: 3200). */
  retryOn: readonly number[];
  family: 'list' | 'txn';
}

/**
 * An Add: the find's answer holding this write's key means it was made; holding a record without the key
 * means someone else's record with the same RefNumber or name, never written over; nothing found means add.
 */
function addPlan(o: {
  family: 'list' | 'txn';
  find: WriteRequestXml;
  add: WriteRequestXml;
  isOurs: (ret: QbNode) => boolean;
  /** Which records of the find's answer are the same record (a StartsWith query returns longer numbers too). */
  same?: (ret: QbNode) => boolean;
  key: string;
}): WritePlan {
  const idOf = (n: QbNode) => String(n[o.family === 'list' ? 'ListID' : 'TxnID'] ?? '') || undefined;
  return {
    family: o.family,
    find: o.find,
    add: o.add,
    retryOn: [],
    afterFind(answer) {
      const found = o.same ? answer.filter(o.same) : answer;
      const ours = found.find(o.isOurs);
      if (ours) return { kind: 'found', id: idOf(ours) };
      if (found.length > 0)
        return {
          kind: 'refuse',
          error: `QuickBooks already holds this record without tieout's key (${memoKey(o.key)} in its memo), probably entered by hand (${idOf(found[0]!) ?? 'no id'}); nothing was written: reject the proposal or remove the other record`,
        };
      return { kind: 'write', request: o.add };
    },
  };
}

function itemLine(l: z.output<typeof costLine>): QbNode {
  return {
    ItemRef: ref(l.item),
    ...(l.description ? { Desc: l.description } : {}),
    Quantity: '1',
    Cost: l.amount,
    Amount: l.amount,
    CustomerRef: ref(l.job),
    ...(l.class ? { ClassRef: ref(l.class) } : {}),
    BillableStatus: 'NotBillable',
  };
}

function poLine(l: z.output<typeof costLine>): QbNode {
  return {
    ItemRef: ref(l.item),
    ...(l.description ? { Desc: l.description } : {}),
    Quantity: '1',
    Rate: l.amount,
    ...(l.class ? { ClassRef: ref(l.class) } : {}),
    Amount: l.amount,
    CustomerRef: ref(l.job),
  };
}

/**
 * A transaction of this vendor and RefNumber. qbXML's RefNumberFilter knows StartsWith, Contains and EndsWith
 * (no Equals), so the query asks StartsWith and only an exact RefNumber (QuickBooks compares without case)
 * counts; it is ours when its memo carries our key.
 */
const sameRef = (refNumber: string) => (ret: QbNode) =>
  String(ret.RefNumber ?? '').toLowerCase() === refNumber.toLowerCase();
const memoIsOurs = (key: string) => (ret: QbNode) => String(ret.Memo ?? '').includes(memoKey(key));
const txnFind = (query: string, vendor: string, refNumber: string): WriteRequestXml => ({
  name: `${query}Rq`,
  body: {
    EntityFilter: { FullName: vendor },
    RefNumberFilter: { MatchCriterion: 'StartsWith', RefNumber: refNumber },
  },
});

export function writePlan(operation: QbdWriteOperation, payload: unknown, key: string): WritePlan {
  switch (operation) {
    case 'qbd.vendor.add': {
      const p = payload as Payload<'qbd.vendor.add'>;
      return addPlan({
        key,
        family: 'list',
        find: { name: 'VendorQueryRq', body: { FullName: p.name } },
        add: {
          name: 'VendorAddRq',
          body: {
            VendorAdd: {
              Name: p.name,
              IsActive: 'true',
              CompanyName: p.companyName ?? p.name,
              ...(p.vendorType ? { VendorTypeRef: ref(p.vendorType) } : {}),
            },
          },
        },
        isOurs: () => true,
      });
    }
    case 'qbd.job.add': {
      const p = payload as Payload<'qbd.job.add'>;
      const fullName = `${p.customer}:${p.name}`;
      return addPlan({
        key,
        family: 'list',
        find: { name: 'CustomerQueryRq', body: { FullName: fullName } },
        add: {
          name: 'CustomerAddRq',
          body: {
            CustomerAdd: {
              Name: p.name,
              IsActive: 'true',
              ParentRef: ref(p.customer),
              JobStatus: p.jobStatus,
              ...(p.startDate ? { JobStartDate: p.startDate } : {}),
              ...(p.description ? { JobDesc: p.description } : {}),
            },
          },
        },
        isOurs: () => true,
      });
    }
    case 'qbd.bill.add': {
      const p = payload as Payload<'qbd.bill.add'>;
      return addPlan({
        key,
        family: 'txn',
        find: txnFind('BillQuery', p.vendor, p.refNumber),
        add: {
          name: 'BillAddRq',
          body: {
            BillAdd: {
              VendorRef: ref(p.vendor),
              TxnDate: p.txnDate,
              ...(p.dueDate ? { DueDate: p.dueDate } : {}),
              RefNumber: p.refNumber,
              Memo: memoKey(key),
              ...(p.purchaseOrderTxnId ? { LinkToTxnID: p.purchaseOrderTxnId } : {}),
              ...(p.retainage
                ? {
                    ExpenseLineAdd: [
                      {
                        AccountRef: ref(p.retainage.account),
                        Amount: new Dec(p.retainage.amount).abs().neg().toFixed(2),
                        Memo: 'Retainage withheld',
                        CustomerRef: ref(p.retainage.job),
                        BillableStatus: 'NotBillable',
                      },
                    ],
                  }
                : {}),
              ItemLineAdd: p.lines.map(itemLine),
            },
          },
        },
        isOurs: memoIsOurs(key),
        same: sameRef(p.refNumber),
      });
    }
    case 'qbd.purchase_order.add': {
      const p = payload as Payload<'qbd.purchase_order.add'>;
      return addPlan({
        key,
        family: 'txn',
        find: txnFind('PurchaseOrderQuery', p.vendor, p.refNumber),
        add: {
          name: 'PurchaseOrderAddRq',
          body: {
            PurchaseOrderAdd: {
              VendorRef: ref(p.vendor),
              TxnDate: p.txnDate,
              RefNumber: p.refNumber,
              Memo: memoKey(key),
              PurchaseOrderLineAdd: p.lines.map(poLine),
            },
          },
        },
        isOurs: memoIsOurs(key),
        same: sameRef(p.refNumber),
      });
    }
    case 'qbd.estimate.revise':
      return estimatePlan(payload as Payload<'qbd.estimate.revise'>, key);
  }
}
