/**
 * Findings in the operational store. Findings change by the click (acknowledged, ignored), so they live
 * here, not in the immutable snapshots:
 * - `findings`: one row per company × finding key — the lifecycle (open → acknowledged → resolved, or
 *   ignored until the numbers change), kept across snapshots;
 * - `finding_observations`: what each snapshot found, with its drift against the previous snapshot;
 * - `recon_runs`: one row per reconciled snapshot (or failed run), so "the previous snapshot" is known even
 *   when it had no findings.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies } from './core.ts';
import { FINDING_STATUSES } from './enums.ts';

export { FINDING_STATUSES, type FindingStatus } from './enums.ts';

export const findings = sqliteTable(
  'findings',
  {
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    key: text('finding_key').notNull(),
    checkId: text('check_id').notNull(),
    severity: text('severity').notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    firstSeenSnapshot: text('first_seen_snapshot').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    lastSeenSnapshot: text('last_seen_snapshot').notNull(),
    /** pm − erp at the last sighting (decimal string), to tell when "the numbers changed". */
    lastDifference: text('last_difference'),
    resolvedAt: text('resolved_at'),
    /** Who acknowledged or ignored it, when, and the note or reason they gave. */
    actedBy: text('acted_by'),
    actedAt: text('acted_at'),
    note: text('note'),
    /** The difference an ignore applies to; a different difference reopens the finding. */
    ignoredDifference: text('ignored_difference'),
    /** The latest finding as JSON (message, documents, amounts). */
    latest: text('latest').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.key] }),
    index('findings_company_status').on(t.companyId, t.status),
  ],
);

export const reconRuns = sqliteTable(
  'recon_runs',
  {
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    snapshotId: text('snapshot_id').notNull(),
    takenAt: text('taken_at').notNull(),
    recordedAt: text('recorded_at').notNull(),
    /** 0 when the run could only say source.stale: its silence about other findings proves nothing. */
    complete: integer('complete', { mode: 'boolean' }).notNull(),
    findingCount: integer('finding_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.snapshotId] }),
    index('recon_runs_taken').on(t.companyId, t.takenAt),
  ],
);

export const findingObservations = sqliteTable(
  'finding_observations',
  {
    companyId: text('company_id').notNull(),
    snapshotId: text('snapshot_id').notNull(),
    key: text('finding_key').notNull(),
    /** new, worsened, improved, unchanged, resolved */
    drift: text('drift').notNull(),
    previousDifference: text('previous_difference'),
    /** The finding as JSON. */
    finding: text('finding').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.snapshotId, t.key] })],
);
