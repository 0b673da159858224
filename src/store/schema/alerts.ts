/**
 * Alert emails. `alert_messages` is the outbox: every email is stored before it is sent and keeps its
 * attempts, so a failed send is retried and never lost. `alert_sent_findings` remembers which finding went
 * to which recipient at what difference, so the same finding is never sent twice unless it worsened.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const alertMessages = sqliteTable(
  'alert_messages',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    /** findings, digest */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    createdAt: text('created_at').notNull(),
    /** queued, sent, written (to the outbox folder, no SMTP configured), failed (gave up) */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at'),
    sentAt: text('sent_at'),
    /** The .eml file when written to the outbox, relative to the data directory. */
    file: text('file'),
  },
  (t) => [index('alert_messages_status').on(t.status, t.nextAttemptAt)],
);

export const alertSentFindings = sqliteTable(
  'alert_sent_findings',
  {
    companyId: text('company_id').notNull(),
    recipient: text('recipient').notNull(),
    findingKey: text('finding_key').notNull(),
    /** |difference| when last sent (decimal string), or '' for findings without an amount. */
    sentMagnitude: text('sent_magnitude').notNull(),
    severity: text('severity').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.recipient, t.findingKey] })],
);
