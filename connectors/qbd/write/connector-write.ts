/**
 * The connector's `write` for an approved proposal: the payload checked against the operation's schema, the
 * write put in the company's session queue under the proposal's idempotency key (once, however often it is
 * asked), and the answer read from the queue row: applied or already applied with QuickBooks' id, failed with
 * QuickBooks' message, or queued until the next Web Connector session. With a sandbox, that session runs now.
 */
import type { WriteRequest, WriteResult } from '../../contract.ts';
import type { QbdStore } from '../store.ts';
import { isQbdWriteOperation, QBD_WRITE_OPERATIONS } from './payloads.ts';
import { QbdWriteQueue } from './queue.ts';

export async function queueWrite(
  o: { store: QbdStore; companyId: string; runSession?: () => Promise<void>; now?: () => Date },
  request: WriteRequest,
): Promise<WriteResult> {
  if (!isQbdWriteOperation(request.operation))
    return {
      status: 'failed',
      transient: false,
      error: `QuickBooks Desktop has no write ${request.operation}`,
    };
  const parsed = QBD_WRITE_OPERATIONS[request.operation].safeParse(request.payload);
  if (!parsed.success)
    return {
      status: 'failed',
      transient: false,
      error: `the ${request.operation} payload is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  const queue = new QbdWriteQueue(o.store.db);
  const at = (o.now?.() ?? new Date()).toISOString();
  let row = queue.enqueue({
    companyId: o.companyId,
    idempotencyKey: request.idempotencyKey,
    proposalId: request.proposalId,
    operation: request.operation,
    payload: parsed.data,
    at,
  });
  if (o.runSession && ['pending', 'finding', 'to_add', 'sent'].includes(row.status)) {
    await o.runSession();
    row = queue.get(o.companyId, request.idempotencyKey) ?? row;
  }
  if (row.status === 'applied' || row.status === 'already_applied')
    return { status: row.status, targetIds: row.targetId ? [row.targetId] : [] };
  if (row.status === 'failed')
    return { status: 'failed', transient: false, error: row.error ?? 'QuickBooks refused' };
  return {
    status: 'queued',
    detail: `waits in the Web Connector queue of ${o.companyId} (${row.status}); QuickBooks makes it at the next session`,
  };
}
