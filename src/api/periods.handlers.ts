/** Handlers for periods and WIP overrides: they call the verbs of src/periods and src/wip. */

import type { OpenAPIHono } from '@hono/zod-openapi';
import { closedAuditHead } from '../periods/audit-head.ts';
import { closePeriod } from '../periods/close.ts';
import { reopenPeriod } from '../periods/reopen.ts';
import { type ClosedPeriodRow, closedPeriodsBefore, listWipOverrides } from '../store/wip.ts';
import { adjustWip } from '../wip/adjust.ts';
import type { ApiEnv } from './context.ts';
import {
  addOverrideRoute,
  closePeriodRoute,
  listOverridesRoute,
  listPeriodsRoute,
  reopenPeriodRoute,
} from './periods.routes.ts';
import { companyFor, type principal, verbCtx } from './scope.ts';

const view = (r: ClosedPeriodRow) => ({
  period: r.period,
  asOf: r.asOf,
  snapshotId: r.snapshotId,
  resultSha256: r.resultSha256,
  closedBy: r.closedBy,
  closedAt: r.closedAt,
  auditHead: closedAuditHead(r),
});

/** Closes a period from the current snapshot (shared with the WIP page); the verb names who prepared it. */
export async function closeWipPeriod(c: Parameters<typeof principal>[0], companyId: string, period: string) {
  const company = companyFor(c, companyId);
  const closed = await closePeriod({
    ctx: { ...verbCtx(c), runtime: c.get('runtime') },
    input: { companyId: company.id, period },
  });
  return closed.row;
}

export function registerPeriods(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listPeriodsRoute, (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    const rows = closedPeriodsBefore(c.get('runtime').store.db, company.id, '9999-12', 1000);
    return c.json({ items: rows.map(view) }, 200);
  });

  app.openapi(closePeriodRoute, async (c) => {
    const { companyId, period } = c.req.valid('param');
    const row = await closeWipPeriod(c, companyId, period);
    return c.json(view(row), 200);
  });

  app.openapi(reopenPeriodRoute, (c) => {
    const { companyId, period } = c.req.valid('param');
    const company = companyFor(c, companyId);
    const row = reopenPeriod({
      ctx: verbCtx(c),
      input: { companyId: company.id, period, reason: c.req.valid('json').reason },
    });
    return c.json({ period: row.period, reopenedAt: row.reopenedAt ?? '' }, 200);
  });

  app.openapi(listOverridesRoute, (c) => {
    const { companyId, period } = c.req.valid('param');
    const company = companyFor(c, companyId);
    return c.json({ items: listWipOverrides(c.get('runtime').store.db, company.id, period) }, 200);
  });

  app.openapi(addOverrideRoute, (c) => {
    const { companyId, period } = c.req.valid('param');
    const company = companyFor(c, companyId);
    const body = c.req.valid('json');
    const override = adjustWip({ ctx: verbCtx(c), input: { companyId: company.id, period, ...body } });
    return c.json(override, 201);
  });
}
