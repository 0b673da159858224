/**
 * The outbox: every alert email is stored before any attempt to send it, then delivered. A failed send
 * stays queued with its error and a later retry time (backoff doubling from a minute, capped at six hours);
 * after the last attempt it is marked failed and kept, listed for an admin. Nothing is lost.
 */
import { randomUUID } from 'node:crypto';
import { dueAlertMessages, insertAlertMessage, updateAlertMessage } from '../store/alerts.ts';
import type { StoreDb } from '../store/db.ts';
import { type Store, withTransaction } from '../store/db.ts';
import type { ComposedEmail } from './compose-findings.ts';
import type { AlertTransport } from './transport.ts';

export const MAX_SEND_ATTEMPTS = 8;

/** Queues one email; call inside the transaction that records what it reports. */
export function queueEmail(
  db: StoreDb,
  input: {
    companyId: string;
    kind: 'findings' | 'digest';
    recipient: string;
    email: ComposedEmail;
    at: string;
  },
): string {
  const id = `${input.at.replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  insertAlertMessage(db, {
    id,
    companyId: input.companyId,
    kind: input.kind,
    recipient: input.recipient,
    subject: input.email.subject,
    text: input.email.text,
    html: input.email.html,
    createdAt: input.at,
    status: 'queued',
    attempts: 0,
  });
  return id;
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

export async function deliverOutbox(
  store: Store,
  transport: AlertTransport,
  options: { now?: () => Date; maxAttempts?: number; retryBaseMs?: number } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  for (const m of dueAlertMessages(store.db, now().toISOString())) {
    const attempts = m.attempts + 1;
    try {
      const { file } = await transport.send({
        id: m.id,
        companyId: m.companyId,
        to: m.recipient,
        subject: m.subject,
        text: m.text,
        html: m.html,
      });
      withTransaction(store, (db) =>
        updateAlertMessage(db, m.id, {
          status: transport.kind === 'smtp' ? 'sent' : 'written',
          attempts,
          sentAt: now().toISOString(),
          file: file ?? null,
          lastError: null,
          nextAttemptAt: null,
        }),
      );
      report.delivered++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const gaveUp = attempts >= (options.maxAttempts ?? MAX_SEND_ATTEMPTS);
      const delay = Math.min((options.retryBaseMs ?? 60_000) * 2 ** (attempts - 1), 6 * 3_600_000);
      withTransaction(store, (db) =>
        updateAlertMessage(db, m.id, {
          status: gaveUp ? 'failed' : 'queued',
          attempts,
          lastError: error,
          nextAttemptAt: gaveUp ? null : new Date(now().getTime() + delay).toISOString(),
        }),
      );
      if (gaveUp) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}
