/** Core operational tables: companies, runs, the snapshot registry and connector incremental state. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const companies = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** One row per snapshot attempt, succeeded or failed. */
export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** running, succeeded, failed */
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    /** cli, schedule, api, demo, catch-up */
    trigger: text('trigger').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** Machine-readable reason code and the sentence a person reads. */
    errorCode: text('error_code'),
    error: text('error'),
    /** Side that failed, when one did. */
    failedSide: text('failed_side'),
    snapshotId: text('snapshot_id'),
    /** JSON: per side and table, rows read / loaded / quarantined; connector counters (API calls…). */
    stats: text('stats'),
    /** Process that runs it, to tell a crashed run from a live one. */
    pid: integer('pid'),
  },
  (t) => [index('runs_company_started').on(t.companyId, t.startedAt)],
);

/** Every published snapshot file. Files are immutable; rows are removed only by retention. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    runId: text('run_id').notNull(),
    /** Path relative to the data directory: <company>/snapshots/<UTC timestamp>.duckdb */
    path: text('path').notNull(),
    takenAt: text('taken_at').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Set when a period close (or a person) pins it: retention never deletes a pinned snapshot. */
    pinnedReason: text('pinned_reason'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('snapshots_path').on(t.path),
    index('snapshots_company_taken').on(t.companyId, t.takenAt),
  ],
);

/** Incremental state a connector asked to keep between runs (opaque JSON), per company and side. */
export const connectorState = sqliteTable(
  'connector_state',
  {
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    side: text('side', { enum: ['pm', 'erp'] }).notNull(),
    system: text('system').notNull(),
    state: text('state').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('connector_state_company_side').on(t.companyId, t.side)],
);
