/**
 * The writes of a Web Connector session, sent before its read (so the read that follows sees them): for each
 * queued write, first the query for an earlier attempt, then — only when it found none in this same session —
 * the Add. What QuickBooks answers is recorded on the queue row: the record's id, or QuickBooks' refusal.
 */
import type { QbRequest } from '../qbxml/requests.ts';
import type { QbResponse } from '../qbxml/responses.ts';
import { text } from '../qbxml/xml.ts';
import { isQbdWriteOperation, memoKey, writePlan } from './payloads.ts';
import type { QbdWriteQueue } from './queue.ts';

/** Request ids of writes start with this; the read's never do. */
export const WRITE_REQUEST_PREFIX = 'w:';

export class SessionWrites {
  constructor(
    private readonly queue: QbdWriteQueue,
    private readonly now: () => string,
  ) {}

  /** Whether the company has writes waiting for a session. */
  waiting(companyId: string): boolean {
    return this.queue.next(companyId) !== undefined;
  }

  /** The next write request of the company in this session, recorded as sent before it is returned. */
  nextRequest(companyId: string, ticket: string): QbRequest | undefined {
    for (;;) {
      const w = this.queue.next(companyId);
      if (!w) return undefined;
      if (!isQbdWriteOperation(w.operation)) {
        this.queue.finish(
          companyId,
          w.idempotencyKey,
          { status: 'failed', error: `tieout does not know the QuickBooks write ${w.operation}` },
          this.now(),
        );
        continue;
      }
      const plan = writePlan(w.operation, w.payload, w.idempotencyKey);
      const addNow = w.status === 'to_add' && w.sentTicket === ticket;
      const requestId = `${WRITE_REQUEST_PREFIX}${addNow ? 'add' : 'find'}:${w.idempotencyKey}`;
      this.queue.markSent(
        companyId,
        w.idempotencyKey,
        addNow ? 'sent' : 'finding',
        requestId,
        ticket,
        this.now(),
      );
      const rq = addNow ? plan.add : plan.find;
      return { name: rq.name, requestId, body: rq.body };
    }
  }

  /** Takes QuickBooks' answer to a write request. */
  takeResponse(companyId: string, ticket: string, rs: QbResponse): void {
    const w = rs.requestId ? this.queue.byRequest(companyId, rs.requestId) : undefined;
    if (!w || w.sentTicket !== ticket || !isQbdWriteOperation(w.operation)) return;
    const plan = writePlan(w.operation, w.payload, w.idempotencyKey);
    const idOf = (node: Parameters<typeof text>[0]) =>
      text(node, plan.family === 'list' ? 'ListID' : 'TxnID');
    const at = this.now();
    const finish = (outcome: Parameters<QbdWriteQueue['finish']>[2]) =>
      this.queue.finish(companyId, w.idempotencyKey, outcome, at);
    if (rs.status === 'error') {
      finish({
        status: 'failed',
        error: `QuickBooks refused (status ${rs.statusCode}): ${rs.statusMessage}`,
      });
    } else if (w.status === 'finding') {
      const found = rs.rets.map((r) => r.node);
      const ours = found.find((n) => plan.isOurs(n));
      if (ours) finish({ status: 'already_applied', targetId: idOf(ours) });
      else if (found.length > 0)
        finish({
          status: 'failed',
          error: `QuickBooks already holds this record without tieout's key (${memoKey(w.idempotencyKey)} in its memo), probably entered by hand (${idOf(found[0]) ?? 'no id'}); nothing was written: reject the proposal or remove the other record`,
        });
      else this.queue.markSent(companyId, w.idempotencyKey, 'to_add', w.requestId, ticket, at);
    } else if (w.status === 'sent') {
      finish({ status: 'applied', targetId: idOf(rs.rets[0]?.node) });
    }
  }
}
