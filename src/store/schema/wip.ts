/**
 * WIP controller overrides and closed periods.
 * - An override adjusts one job's WIP for one period (EAC, contract, uninstalled materials) with a note.
 *   Rows are never updated in place except to mark them superseded, so the history of adjustments stays.
 * - A closed period pins the snapshot it was computed from and keeps the frozen result and its hash; a
 *   reopen marks the row reopened (by an admin, with a reason) and a later close adds a new row.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies } from './core.ts';

export const wipOverrides = sqliteTable(
  'wip_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    jobNumber: text('job_number').notNull(),
    /** YYYY-MM */
    period: text('period').notNull(),
    /** Decimal strings; null = not overridden. */
    estimatedTotalCost: text('estimated_total_cost'),
    contractAmount: text('contract_amount'),
    uninstalledMaterials: text('uninstalled_materials'),
    note: text('note').notNull(),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
    /** Set when a later adjustment of the same job and period replaces this one. */
    supersededAt: text('superseded_at'),
  },
  (t) => [index('wip_overrides_company_period').on(t.companyId, t.period, t.jobNumber)],
);

export const wipClosedPeriods = sqliteTable(
  'wip_closed_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** YYYY-MM */
    period: text('period').notNull(),
    /** The period end the WIP is computed as of. */
    asOf: text('as_of').notNull(),
    snapshotId: text('snapshot_id').notNull(),
    /** Relative to the data directory, as in the snapshot registry. */
    snapshotPath: text('snapshot_path').notNull(),
    /** The WIP JSON as closed, and its SHA-256: a recomputation must reproduce it exactly. */
    resultJson: text('result_json').notNull(),
    resultSha256: text('result_sha256').notNull(),
    closedBy: text('closed_by').notNull(),
    closedAt: text('closed_at').notNull(),
    reopenedBy: text('reopened_by'),
    reopenedAt: text('reopened_at'),
    reopenReason: text('reopen_reason'),
  },
  (t) => [index('wip_closed_periods_company_period').on(t.companyId, t.period)],
);
