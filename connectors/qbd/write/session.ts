/**
 * The writes of a Web Connector session, sent before its read (so the read that follows sees them): for each
 * queued write, first the query for an earlier attempt, then — only when it found none in this same session —
 * the request the find decided on: an Add, or a Mod quoting what the find returned. What QuickBooks answers is
 * recorded on the queue row: the record's id, or QuickBooks' refusal. A Mod refused as stale (3200: the record
 * changed since the find) is found again and sent again, at most MAX_ATTEMPTS times.
 */
import type { QbRequest } from '../qbxml/requests.ts';
import type { QbResponse } from '../qbxml/responses.ts';
import { text } from '../qbxml/xml.ts';
import { isQbdWriteOperation, writePlan } from './payloads.ts';
import type { QbdWriteQueue } from './queue.ts';

/** Request ids of writes start with this; the read's never do. */
export const WRITE_REQUEST_PREFIX = 'w:';

/** How many times a write refused as stale is found and sent again before it fails. */
export const MAX_ATTEMPTS = 3;

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
      // The decided request goes out only in the session whose find decided it; otherwise find again.
      const decided = w.status === 'to_add' && w.sentTicket === ticket ? w.writeRequest : null;
      const rq = decided
        ? { name: decided.name, body: decided.body as QbRequest['body'] }
        : writePlan(w.operation, w.payload, w.idempotencyKey).find;
      const step = decided ? (rq.name.endsWith('ModRq') ? 'mod' : 'add') : 'find';
      const requestId = `${WRITE_REQUEST_PREFIX}${step}:${w.idempotencyKey}`;
      this.queue.markSent(
        companyId,
        w.idempotencyKey,
        decided ? 'sent' : 'finding',
        requestId,
        ticket,
        this.now(),
      );
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
      const refused = `QuickBooks refused (status ${rs.statusCode}): ${rs.statusMessage}`;
      if (w.status === 'sent' && plan.retryOn.includes(rs.statusCode)) {
        if (w.attempts + 1 < MAX_ATTEMPTS) this.queue.retry(companyId, w.idempotencyKey, refused, at);
        else
          finish({
            status: 'failed',
            error: `${refused}; the record kept changing between tieout's query and its change (${MAX_ATTEMPTS} tries); nothing was written`,
          });
      } else finish({ status: 'failed', error: refused });
    } else if (w.status === 'finding') {
      const outcome = plan.afterFind(rs.rets.map((r) => r.node));
      if (outcome.kind === 'found') finish({ status: 'already_applied', targetId: outcome.id });
      else if (outcome.kind === 'refuse') finish({ status: 'failed', error: outcome.error });
      else
        this.queue.markSent(companyId, w.idempotencyKey, 'to_add', w.requestId, ticket, at, outcome.request);
    } else if (w.status === 'sent') {
      finish({ status: 'applied', targetId: idOf(rs.rets[0]?.node) });
    }
  }
}
