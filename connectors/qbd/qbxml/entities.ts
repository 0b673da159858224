/**
 * The QuickBooks records tieout reads, one entry per qbXML query: which request, which `...Ret` elements come
 * back, whether the request takes an iterator and which modified-date filter it has (element names and order
 * from Intuit's qbXML 13.0 templates). The session planner, the sandbox and the mapping all read this list.
 */

export type Family = 'list' | 'txn';

export interface EntitySpec {
  /** tieout's name for the entity; also the key of its records in the local copy. */
  name: string;
  family: Family;
  /** The request element without `Rq`, e.g. `CustomerQuery`. */
  query: string;
  /** The `...Ret` element names the response carries (ItemQuery returns several kinds). */
  rets: readonly string[];
  /** CustomerQueryRq takes `iterator`; ClassQueryRq and AccountQueryRq do not. */
  iterator: boolean;
  /** Lists filter by `FromModifiedDate` directly; transactions by `ModifiedDateRangeFilter`. */
  modifiedFilter: 'list' | 'txn';
  /** Lists take `ActiveStatus` (default ActiveOnly: tieout asks for All, inactive jobs are closed jobs). */
  activeStatus: boolean;
  includeLineItems: boolean;
  includeLinkedTxns: boolean;
  /** Whether the query takes `OwnerID` (to return custom fields, OwnerID 0). */
  ownerId: boolean;
  /** The `ListDelType` / `TxnDelType` values that report deletions of these records. */
  deletedTypes: readonly string[];
}

const list = (
  name: string,
  query: string,
  rets: string[],
  o: { iterator?: boolean; ownerId?: boolean; deleted: string[] },
): EntitySpec => ({
  name,
  family: 'list',
  query,
  rets,
  iterator: o.iterator ?? true,
  modifiedFilter: 'list',
  activeStatus: true,
  includeLineItems: false,
  includeLinkedTxns: false,
  ownerId: o.ownerId ?? true,
  deletedTypes: o.deleted,
});

const txn = (name: string, o: { linked?: boolean; deleted?: string } = {}): EntitySpec => ({
  name,
  family: 'txn',
  query: `${name}Query`,
  rets: [`${name}Ret`],
  iterator: true,
  modifiedFilter: 'txn',
  activeStatus: false,
  includeLineItems: true,
  includeLinkedTxns: o.linked ?? true,
  ownerId: true,
  deletedTypes: [o.deleted ?? name],
});

/** In the order a session reads them: lists first, so a session that stops early never holds orphans. */
export const ENTITIES: readonly EntitySpec[] = [
  list('Account', 'AccountQuery', ['AccountRet'], { iterator: false, deleted: ['Account'] }),
  list('Class', 'ClassQuery', ['ClassRet'], { iterator: false, ownerId: false, deleted: ['Class'] }),
  list('Item', 'ItemQuery', ['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet'], {
    deleted: ['ItemService', 'ItemOtherCharge', 'ItemNonInventory'],
  }),
  list('Vendor', 'VendorQuery', ['VendorRet'], { deleted: ['Vendor'] }),
  list('Customer', 'CustomerQuery', ['CustomerRet'], { deleted: ['Customer'] }),
  txn('Estimate'),
  txn('PurchaseOrder'),
  txn('Bill'),
  txn('VendorCredit'),
  txn('Check'),
  txn('CreditCardCharge', { linked: false }),
  txn('CreditCardCredit', { linked: false }),
  txn('JournalEntry', { linked: false }),
  txn('ItemReceipt'),
  txn('Invoice'),
  txn('CreditMemo'),
];

export function entity(name: string): EntitySpec {
  const spec = ENTITIES.find((e) => e.name === name);
  if (!spec) throw new Error(`unknown QuickBooks entity ${name}`);
  return spec;
}

/** The entity a `...Ret` element belongs to (ItemServiceRet → Item). */
export function entityOfRet(ret: string): EntitySpec | undefined {
  return ENTITIES.find((e) => e.rets.includes(ret));
}

/** The list entity a ListDelType names (ItemService → Item). */
export function entityOfListDelType(type: string): EntitySpec | undefined {
  return ENTITIES.find((e) => e.family === 'list' && e.deletedTypes.includes(type));
}

export const LIST_DEL_TYPES = ENTITIES.filter((e) => e.family === 'list').flatMap((e) => e.deletedTypes);
export const TXN_DEL_TYPES = ENTITIES.filter((e) => e.family === 'txn').flatMap((e) => e.deletedTypes);
