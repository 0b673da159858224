/**
 * The audit chain head a closed period's result carries (src/periods/close.ts): shown with the closed period
 * in the API, on the WIP page and in the PDF footer, and checked by `tieout audit verify --head SEQ:HASH`.
 */
import { type AuditHead, formatHead } from '../store/audit.ts';
import type { ClosedPeriodRow } from '../store/wip.ts';

/** The stored result: the WIP as computed plus the audit head it was closed against. */
export function closedResultJson(result: object, head: AuditHead | null): string {
  const auditHeadField = head ? { seq: head.seq, hash: head.hash } : null;
  return `${JSON.stringify({ ...result, audit_head: auditHeadField }, null, 2)}\n`;
}

/** The audit head a closed period's result carries, as `tieout audit verify --head` takes it (SEQ:HASH). */
export function closedAuditHead(row: Pick<ClosedPeriodRow, 'resultJson'>): string | null {
  const head = (JSON.parse(row.resultJson) as { audit_head?: AuditHead | null }).audit_head;
  return head ? formatHead(head) : null;
}
