/**
 * The sandbox's QuickBooks company file: list records (ListID) and transactions (TxnID) as QuickBooks returns
 * them (`...Ret` nodes, children in the qbXML 13.0 order), with TimeModified and EditSequence kept the way
 * QuickBooks keeps them, and a log of deletions for ListDeletedQuery/TxnDeletedQuery. The clock is injected,
 * so tests move QuickBooks' time by hand.
 */
import type { Family } from '../qbxml/entities.ts';
import type { QbNode } from '../qbxml/xml.ts';

export interface StoredRecord {
  family: Family;
  /** The `...Ret` element name, e.g. BillRet, ItemServiceRet. */
  ret: string;
  id: string;
  node: QbNode;
  modifiedMs: number;
}

export interface DeletedRecord {
  family: Family;
  /** ListDelType / TxnDelType value. */
  type: string;
  id: string;
  createdAt: string;
  deletedAt: string;
  deletedMs: number;
  name?: string;
}

export interface CompanyIdentity {
  companyName: string;
  /** The FileID a Web Connector stamped into this file for an OwnerID (DataExt), if any. */
  fileIds: Map<string, string>;
  productName: string;
  majorVersion: string;
  country: string;
  supportedVersions: string[];
  classTracking: boolean;
  filePath: string;
}

/** QuickBooks writes local time with an offset; the sandbox company is on Mountain time (UTC-7). */
export function qbDateTime(ms: number): string {
  const local = new Date(ms - 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}-07:00`;
}

export class QbCompany {
  private readonly records = new Map<string, StoredRecord>();
  readonly deleted: DeletedRecord[] = [];
  private seq = 0x80000001;
  private txnSeq = 0x1a000;
  private lineSeq = 0x2b000;

  constructor(
    readonly identity: CompanyIdentity,
    /** QuickBooks' clock. */
    readonly now: () => Date,
  ) {}

  private key(family: Family, id: string) {
    return `${family}:${id}`;
  }

  newListId(): string {
    return `${(this.seq++).toString(16).toUpperCase()}-${Math.floor(this.now().getTime() / 1000)}`;
  }

  newTxnId(): string {
    return `${(this.txnSeq++).toString(16).toUpperCase()}-${Math.floor(this.now().getTime() / 1000)}`;
  }

  newLineId(): string {
    return `${(this.lineSeq++).toString(16).toUpperCase()}-${Math.floor(this.now().getTime() / 1000)}`;
  }

  /** Stores a new record; `build` gets the id and the stamps and returns the Ret node in schema order. */
  create(
    family: Family,
    ret: string,
    build: (stamp: { id: string; created: string; modified: string; editSequence: string }) => QbNode,
  ): StoredRecord {
    const ms = this.now().getTime();
    const id = family === 'list' ? this.newListId() : this.newTxnId();
    const stamp = {
      id,
      created: qbDateTime(ms),
      modified: qbDateTime(ms),
      editSequence: String(Math.floor(ms / 1000)),
    };
    const record: StoredRecord = { family, ret, id, node: build(stamp), modifiedMs: ms };
    this.records.set(this.key(family, id), record);
    return record;
  }

  get(family: Family, id: string): StoredRecord | undefined {
    return this.records.get(this.key(family, id));
  }

  all(family: Family, rets: readonly string[]): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const r of this.records.values()) if (r.family === family && rets.includes(r.ret)) out.push(r);
    return out;
  }

  /** A modify: the record gets a new TimeModified and a new EditSequence (what Mod requests must quote). */
  touch(record: StoredRecord, change: (node: QbNode) => void): void {
    const ms = Math.max(this.now().getTime(), record.modifiedMs + 1000);
    change(record.node);
    record.node.TimeModified = qbDateTime(ms);
    record.node.EditSequence = String(Math.floor(ms / 1000));
    record.modifiedMs = ms;
  }

  remove(record: StoredRecord, type: string): void {
    const ms = this.now().getTime();
    this.records.delete(this.key(record.family, record.id));
    this.deleted.push({
      family: record.family,
      type,
      id: record.id,
      createdAt: String(record.node.TimeCreated ?? ''),
      deletedAt: qbDateTime(ms),
      deletedMs: ms,
      name: String(record.node.FullName ?? record.node.RefNumber ?? ''),
    });
  }

  findByName(family: Family, rets: readonly string[], fullName: string): StoredRecord | undefined {
    const wanted = fullName.toLowerCase();
    for (const r of this.records.values()) {
      if (r.family !== family || !rets.includes(r.ret)) continue;
      if (String(r.node.FullName ?? '').toLowerCase() === wanted) return r;
    }
    return undefined;
  }
}
