/** Handlers for periods and WIP overrides; computing and freezing the WIP live in src/reports and src/store. */

import type { OpenAPIHono } from '@hono/zod-openapi';
import { periodEnd } from '../../reports/shared/period.ts';
import { computeWip, serialiseWip } from '../reports/wip-inputs.ts';
import { can } from '../roles.ts';
import { adjustWip, closedPeriodsBefore, closePeriod, listWipOverrides, reopenPeriod } from '../store/wip.ts';
import type { ApiEnv } from './context.ts';
import {
  addOverrideRoute,
  closePeriodRoute,
  listOverridesRoute,
  listPeriodsRoute,
  reopenPeriodRoute,
} from './periods.routes.ts';
import { companyFor, principal } from './scope.ts';

const view = (r: {
  period: string;
  asOf: string;
  snapshotId: string;
  resultSha256: string;
  closedBy: string;
  closedAt: string;
}) => ({
  period: r.period,
  asOf: r.asOf,
  snapshotId: r.snapshotId,
  resultSha256: r.resultSha256,
  closedBy: r.closedBy,
  closedAt: r.closedAt,
});

/**
 * Closes a period from the current snapshot (shared with the WIP page). The WIP names the signed-in person as
 * who prepared it, never a name sent in the request.
 */
export async function closeWipPeriod(c: Parameters<typeof principal>[0], companyId: string, period: string) {
  const runtime = c.get('runtime');
  const company = companyFor(c, companyId);
  const preparedBy = principal(c).user.email;
  const run = await computeWip(runtime, company, { asOf: periodEnd(period), preparedBy, ignoreClose: true });
  return closePeriod(runtime.store, {
    companyId: company.id,
    period,
    asOf: periodEnd(period),
    snapshotId: run.snapshot.id,
    snapshotPath: run.snapshot.path,
    resultJson: serialiseWip(run.schedule),
    actor: principal(c).user.email,
  });
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
    const row = reopenPeriod(c.get('runtime').store, {
      companyId: company.id,
      period,
      actor: principal(c).user.email,
      actorIsAdmin: can(principal(c).user.role, 'period.reopen'),
      reason: c.req.valid('json').reason,
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
    const override = adjustWip(c.get('runtime').store, {
      companyId: company.id,
      period,
      ...body,
      actor: principal(c).user.email,
    });
    return c.json(override, 201);
  });
}
