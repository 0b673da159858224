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

const money = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'write an amount as a decimal string, e.g. "1250.00"')
  .transform((v) => new Dec(v).toFixed(2));
const name = (max: number) => z.string().trim().min(1).max(max, `QuickBooks keeps at most ${max} characters`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD');
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
} as const;

export type QbdWriteOperation = keyof typeof QBD_WRITE_OPERATIONS;
export const isQbdWriteOperation = (op: string): op is QbdWriteOperation =>
  Object.hasOwn(QBD_WRITE_OPERATIONS, op);

type Payload<O extends QbdWriteOperation> = z.output<(typeof QBD_WRITE_OPERATIONS)[O]>;

export interface WritePlan {
  /** The query that finds an earlier attempt (and which Ret to look for in its answer). */
  find: { name: string; body: QbNode };
  /** The Add request. */
  add: { name: string; body: QbNode };
  /** Whether a record the find returned is this write's (the memo key), or someone else's with the same key. */
  isOurs(ret: QbNode): boolean;
  family: 'list' | 'txn';
}

export const memoKey = (key: string) => `tieout:${key}`;
const ref = (fullName: string) => ({ FullName: fullName });

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

/** A transaction with this vendor and RefNumber is ours when its memo carries our key. */
const memoIsOurs = (key: string) => (ret: QbNode) => String(ret.Memo ?? '').includes(memoKey(key));
const txnFind = (query: string, vendor: string, refNumber: string): WritePlan['find'] => ({
  name: `${query}Rq`,
  body: {
    EntityFilter: { FullName: vendor },
    RefNumberFilter: { MatchCriterion: 'Equals', RefNumber: refNumber },
  },
});

export function writePlan(operation: QbdWriteOperation, payload: unknown, key: string): WritePlan {
  switch (operation) {
    case 'qbd.vendor.add': {
      const p = payload as Payload<'qbd.vendor.add'>;
      return {
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
      };
    }
    case 'qbd.job.add': {
      const p = payload as Payload<'qbd.job.add'>;
      const fullName = `${p.customer}:${p.name}`;
      return {
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
      };
    }
    case 'qbd.bill.add': {
      const p = payload as Payload<'qbd.bill.add'>;
      return {
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
      };
    }
    case 'qbd.purchase_order.add': {
      const p = payload as Payload<'qbd.purchase_order.add'>;
      return {
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
      };
    }
  }
}
