/** The append-only audit log. Each entry carries the hash of the previous one (see src/store/audit.ts). */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  companyId: text('company_id'),
  entity: text('entity').notNull(),
  /** JSON before/after of what changed (null when nothing existed before / nothing remains). */
  before: text('before'),
  after: text('after'),
  note: text('note'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
