/**
 * WIP overrides and closed periods as stored: reads, and the errors their verbs raise. The writes are verbs:
 * src/wip/adjust.ts, src/periods/close.ts, src/periods/reopen.ts.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import type { WipOverride } from '../../reports/wip/types.ts';
import type { StoreDb } from './db.ts';
import { wipClosedPeriods, wipOverrides } from './schema/wip.ts';

export type ClosedPeriodRow = typeof wipClosedPeriods.$inferSelect;

const WIP_ERROR_KIND = {
  period_closed: 'conflict',
  period_not_closed: 'conflict',
  invalid_override: 'bad_request',
  already_closed: 'conflict',
} as const satisfies Record<string, ErrorKind>;

export class WipStoreError extends TieoutError {
  constructor(
    override readonly code: keyof typeof WIP_ERROR_KIND,
    message: string,
  ) {
    super(WIP_ERROR_KIND[code], code, message);
    this.name = 'WipStoreError';
  }
}

export function activeClose(db: StoreDb, companyId: string, period: string): ClosedPeriodRow | undefined {
  return db
    .select()
    .from(wipClosedPeriods)
    .where(
      and(
        eq(wipClosedPeriods.companyId, companyId),
        eq(wipClosedPeriods.period, period),
        isNull(wipClosedPeriods.reopenedAt),
      ),
    )
    .get();
}

export function toOverride(r: Omit<typeof wipOverrides.$inferInsert, 'id'>): WipOverride {
  return {
    jobNumber: r.jobNumber,
    period: r.period,
    estimatedTotalCost: r.estimatedTotalCost ?? null,
    contractAmount: r.contractAmount ?? null,
    uninstalledMaterials: r.uninstalledMaterials ?? null,
    note: r.note,
  };
}

/** The overrides in force for a period (the latest per job). */
export function listWipOverrides(db: StoreDb, companyId: string, period: string): WipOverride[] {
  return db
    .select()
    .from(wipOverrides)
    .where(
      and(
        eq(wipOverrides.companyId, companyId),
        eq(wipOverrides.period, period),
        isNull(wipOverrides.supersededAt),
      ),
    )
    .orderBy(asc(wipOverrides.jobNumber))
    .all()
    .map(toOverride);
}

export function resultSha256(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/** Closed periods of a company before a period, newest first (for fade and the trend). */
export function closedPeriodsBefore(
  db: StoreDb,
  companyId: string,
  period: string,
  limit = 12,
): ClosedPeriodRow[] {
  return db
    .select()
    .from(wipClosedPeriods)
    .where(
      and(
        eq(wipClosedPeriods.companyId, companyId),
        lt(wipClosedPeriods.period, period),
        isNull(wipClosedPeriods.reopenedAt),
      ),
    )
    .orderBy(desc(wipClosedPeriods.period))
    .limit(limit)
    .all();
}
