/**
 * A controller's override of one job's WIP for one period (estimate at completion, contract, uninstalled
 * materials), with a note. It replaces an earlier one for the same job and period and keeps what that one set
 * unless named again; a closed period is refused until an admin reopens it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { Dec, parseMoney } from '../../connectors/canonical/money.ts';
import type { WipOverride } from '../../reports/wip/types.ts';
import { checkedPeriod } from '../periods/period.ts';
import { assertCan } from '../roles.ts';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { wipOverrides } from '../store/schema/wip.ts';
import { activeClose, toOverride, WipStoreError } from '../store/wip.ts';
import { assertInScope, nowOf, type Verb } from '../verb.ts';

export interface AdjustWipInput {
  companyId: string;
  jobNumber: string;
  period: string;
  estimatedTotalCost?: string;
  contractAmount?: string;
  uninstalledMaterials?: string;
  note: string;
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

/** Records a controller's override of one job for one period (replacing an earlier one), audited. */
export function adjustWip({ ctx, input }: Verb<AdjustWipInput>): WipOverride {
  assertCan(ctx.actor, 'wip.adjust');
  checkedPeriod(input.period);
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
  const at = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    assertInScope(db, ctx.actor, input.companyId);
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
      actor: ctx.actor.id,
      createdAt: at,
    };
    db.insert(wipOverrides).values(row).run();
    appendAudit(db, {
      actor: ctx.actor.id,
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
