/** The records the mapping reads: the local copy of the company file as of the last complete session. */
import type { QbNode } from '../qbxml/xml.ts';

export interface MirrorRecord {
  /** ListID or TxnID. */
  id: string;
  /** The `...Ret` element name. */
  ret: string;
  node: QbNode;
}

export interface MirrorSource {
  /** Records of one entity (ENTITIES names: Customer, Bill…), in a stable order. */
  records(entity: string): Iterable<MirrorRecord>;
  /** The last complete session's Job Estimates vs Actuals Summary (ReportRet), if it was read. */
  jobReport(): QbNode | undefined;
}
