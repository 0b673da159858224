/** Handlers for findings; the lifecycle lives in src/store/findings.ts, what people do in src/findings/. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { acknowledgeFinding } from '../findings/acknowledge.ts';
import { ignoreFinding } from '../findings/ignore.ts';
import { type ListedFinding, listFindings } from '../store/findings.ts';
import type { FindingStatus } from '../store/schema/findings.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { acknowledgeRoute, getFindingRoute, ignoreRoute, listFindingsRoute } from './findings.routes.ts';
import { paginate } from './paging.ts';
import { companyFor, jobFilter, type principal, requireJob, verbCtx } from './scope.ts';

const ALL: FindingStatus[] = ['open', 'acknowledged', 'ignored', 'resolved'];

export function findingView(l: ListedFinding) {
  const f = l.finding;
  return {
    key: f.key,
    check: f.check,
    severity: f.severity,
    status: l.status,
    drift: l.drift,
    firstSeenAt: l.firstSeenAt,
    note: l.note,
    actedBy: l.actedBy,
    jobNumber: f.jobNumber,
    costCode: f.costCode,
    costType: f.costType,
    document: f.document,
    vendor: f.vendor,
    pmAmount: f.pmAmount,
    erpAmount: f.erpAmount,
    difference: f.difference,
    message: f.message,
    snapshotId: f.snapshotId,
    takenAt: f.takenAt,
  };
}

/** One finding of a company, in any status, if the caller may see its job. */
export function findFinding(
  c: Parameters<typeof principal>[0],
  companyId: string,
  key: string,
): ListedFinding {
  const found = listFindings(c.get('runtime').store.db, { companyId, statuses: ALL }).find(
    (l) => l.finding.key === key,
  );
  if (!found) {
    throw new ApiError(
      'not_found',
      'finding_not_found',
      `no finding "${key}" for ${companyId}; list them with GET /api/companies/${companyId}/findings`,
    );
  }
  requireJob(c, companyId, found.finding.jobNumber);
  return found;
}

export function registerFindings(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listFindingsRoute, (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    const q = c.req.valid('query');
    const statuses = q.status ? (q.status.split(',') as FindingStatus[]) : undefined;
    const jobs = jobFilter(c, company.id);
    const items = listFindings(c.get('runtime').store.db, { companyId: company.id, check: q.check, statuses })
      .filter((l) => q.job === undefined || l.finding.jobNumber === q.job)
      .filter((l) => jobs === null || (l.finding.jobNumber !== null && jobs.has(l.finding.jobNumber)))
      .map(findingView)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return c.json(
      paginate(items, (f) => f.key, q.cursor, q.limit),
      200,
    );
  });

  app.openapi(getFindingRoute, (c) => {
    const { companyId, key } = c.req.valid('param');
    const company = companyFor(c, companyId);
    const l = findFinding(c, company.id, key);
    return c.json({ ...findingView(l), documents: l.finding.documents, facts: l.finding.facts }, 200);
  });

  for (const [route, act] of [
    [acknowledgeRoute, acknowledgeFinding],
    [ignoreRoute, ignoreFinding],
  ] as const) {
    app.openapi(route, (c) => {
      const { companyId, key } = c.req.valid('param');
      const company = companyFor(c, companyId);
      findFinding(c, company.id, key);
      act({ ctx: verbCtx(c), input: { companyId: company.id, key, note: c.req.valid('json').note } });
      return c.json(findingView(findFinding(c, company.id, key)), 200);
    });
  }
}
