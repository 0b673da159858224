/**
 * WIP overrides and period close in the operational store. Each write checks what it may do first, and
 * writes its audit entry in the same transaction as the change, so a failed audit rolls the change back.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import { Dec, parseMoney } from '../../connectors/canonical/money.ts';
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import { isPeriod } from '../../reports/shared/period.ts';
import type { WipOverride } from '../../reports/wip/types.ts';
import { appendAudit } from './audit.ts';
import { nowIso, type Store, type StoreDb, withTransaction } from './db.ts';
import { pinSnapshot } from './runs.ts';
import { wipClosedPeriods, wipOverrides } from './schema/wip.ts';

export type ClosedPeriodRow = typeof wipClosedPeriods.$inferSelect;

const WIP_ERROR_KIND = {
  period_closed: 'conflict',
  period_not_closed: 'conflict',
  invalid_override: 'bad_request',
  not_admin: 'forbidden',
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

export interface AdjustWipInput {
  companyId: string;
  jobNumber: string;
  period: string;
  estimatedTotalCost?: string;
  contractAmount?: string;
  uninstalledMaterials?: string;
  note: string;
  actor: string;
}

function money(field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const v = parseMoney(value);
    if (field !== 'contract' && v.startsWith('-')) {
      throw new WipStoreError('invalid_override', `--${field} cannot be negative (${value})`);
    }
    return v;
  } catch (e) {
    if (e instanceof WipStoreError) throw e;
    throw new WipStoreError('invalid_override', `--${field}: ${(e as Error).message}`);
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

/** Records a controller's override of one job for one period (replacing an earlier one), audited. */
export function adjustWip(store: Store, input: AdjustWipInput): WipOverride {
  if (!isPeriod(input.period)) {
    throw new WipStoreError(
      'invalid_override',
      `"${input.period}" is not a period; write YYYY-MM, e.g. 2026-10`,
    );
  }
  if (!input.note.trim()) {
    throw new WipStoreError('invalid_override', 'say why with --note: the surety and the CPA will ask');
  }
  const values = {
    estimatedTotalCost: money('eac', input.estimatedTotalCost),
    contractAmount: money('contract', input.contractAmount),
    uninstalledMaterials: money('uninstalled-materials', input.uninstalledMaterials),
  };
  if (values.estimatedTotalCost !== null && new Dec(values.estimatedTotalCost).isZero()) {
    // An estimated total cost of zero is no estimate (DESIGN §6): it would book the whole contract as profit.
    throw new WipStoreError(
      'invalid_override',
      '--eac 0 is not an estimate: give the estimated total cost at completion, or leave --eac out to use the PM or ERP estimate',
    );
  }
  if (!values.estimatedTotalCost && !values.contractAmount && !values.uninstalledMaterials) {
    throw new WipStoreError(
      'invalid_override',
      'give at least one of --eac, --contract, --uninstalled-materials',
    );
  }
  return withTransaction(store, (db) => {
    if (activeClose(db, input.companyId, input.period)) {
      throw new WipStoreError(
        'period_closed',
        `${input.period} is closed for ${input.companyId}; an admin must reopen it before it can be adjusted`,
      );
    }
    const key = and(
      eq(wipOverrides.companyId, input.companyId),
      eq(wipOverrides.period, input.period),
      eq(wipOverrides.jobNumber, input.jobNumber),
      isNull(wipOverrides.supersededAt),
    );
    const before = db.select().from(wipOverrides).where(key).get();
    const at = nowIso();
    if (before) db.update(wipOverrides).set({ supersededAt: at }).where(key).run();
    // An adjustment changes what it names and keeps the rest of the period's earlier adjustment.
    const merged = {
      estimatedTotalCost: values.estimatedTotalCost ?? before?.estimatedTotalCost ?? null,
      contractAmount: values.contractAmount ?? before?.contractAmount ?? null,
      uninstalledMaterials: values.uninstalledMaterials ?? before?.uninstalledMaterials ?? null,
    };
    const row = {
      companyId: input.companyId,
      jobNumber: input.jobNumber,
      period: input.period,
      ...merged,
      note: input.note.trim(),
      actor: input.actor,
      createdAt: at,
    };
    db.insert(wipOverrides).values(row).run();
    appendAudit(db, {
      actor: input.actor,
      action: 'wip.adjust',
      companyId: input.companyId,
      entity: `wip_override:${input.jobNumber}:${input.period}`,
      before: before ? pickOverride(before) : null,
      after: { ...merged, note: row.note },
      note: row.note,
      at,
    });
    return toOverride(row);
  });
}

function pickOverride(r: typeof wipOverrides.$inferSelect) {
  return {
    estimatedTotalCost: r.estimatedTotalCost,
    contractAmount: r.contractAmount,
    uninstalledMaterials: r.uninstalledMaterials,
    note: r.note,
  };
}

function toOverride(r: Omit<typeof wipOverrides.$inferInsert, 'id'>): WipOverride {
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

export interface ClosePeriodInput {
  companyId: string;
  period: string;
  asOf: string;
  snapshotId: string;
  snapshotPath: string;
  resultJson: string;
  actor: string;
}

/** Freezes a period: pins its snapshot, stores the result and its hash, audited. */
export function closePeriod(store: Store, input: ClosePeriodInput): ClosedPeriodRow {
  return withTransaction(store, (db) => {
    const existing = activeClose(db, input.companyId, input.period);
    if (existing) {
      throw new WipStoreError(
        'already_closed',
        `${input.period} was closed for ${input.companyId} on ${existing.closedAt} by ${existing.closedBy}`,
      );
    }
    const at = nowIso();
    pinSnapshot(db, input.snapshotId, `period close ${input.period}`);
    const row = {
      companyId: input.companyId,
      period: input.period,
      asOf: input.asOf,
      snapshotId: input.snapshotId,
      snapshotPath: input.snapshotPath,
      resultJson: input.resultJson,
      resultSha256: resultSha256(input.resultJson),
      closedBy: input.actor,
      closedAt: at,
    };
    const inserted = db.insert(wipClosedPeriods).values(row).returning().get();
    appendAudit(db, {
      actor: input.actor,
      action: 'wip.close_period',
      companyId: input.companyId,
      entity: `wip_period:${input.period}`,
      before: null,
      after: { snapshotId: input.snapshotId, asOf: input.asOf, resultSha256: row.resultSha256 },
      at,
    });
    return inserted;
  });
}

export interface ReopenPeriodInput {
  companyId: string;
  period: string;
  actor: string;
  /** Reopening a closed period is an admin's decision. */
  actorIsAdmin: boolean;
  reason: string;
}

export function reopenPeriod(store: Store, input: ReopenPeriodInput): ClosedPeriodRow {
  if (!input.actorIsAdmin) {
    throw new WipStoreError('not_admin', 'only an admin can reopen a closed period');
  }
  if (!input.reason.trim())
    throw new WipStoreError('invalid_override', 'say why the period is reopened (--reason)');
  return withTransaction(store, (db) => {
    const existing = activeClose(db, input.companyId, input.period);
    if (!existing) {
      throw new WipStoreError('period_not_closed', `${input.period} is not closed for ${input.companyId}`);
    }
    const at = nowIso();
    db.update(wipClosedPeriods)
      .set({ reopenedAt: at, reopenedBy: input.actor, reopenReason: input.reason.trim() })
      .where(eq(wipClosedPeriods.id, existing.id))
      .run();
    appendAudit(db, {
      actor: input.actor,
      action: 'wip.reopen_period',
      companyId: input.companyId,
      entity: `wip_period:${input.period}`,
      before: { closedAt: existing.closedAt, resultSha256: existing.resultSha256 },
      after: { reopenedAt: at },
      note: input.reason.trim(),
      at,
    });
    return { ...existing, reopenedAt: at, reopenedBy: input.actor, reopenReason: input.reason.trim() };
  });
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
