/** Handlers for companies, runs, snapshots, jobs and /api/me. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { runNotes } from '../snapshot/notes.ts';
import { runSnapshotForCompany } from '../snapshot/run.ts';
import { lastRun, listRuns, listSnapshots } from '../store/runs.ts';
import {
  getCompanyRoute,
  listCompaniesRoute,
  listJobsRoute,
  listRunsRoute,
  listSnapshotsRoute,
  meRoute,
  triggerSnapshotRoute,
} from './companies.routes.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { paginate } from './paging.ts';
import { companySummary, loadJobs } from './queries.ts';
import { companyFor, jobFilter, principal, visibleCompanies } from './scope.ts';
import type { SnapshotCache } from './snapshots.ts';

/** Newest-first lists page by a key that sorts the same way: the inverted timestamp plus the id. */
const newestFirst = (at: string, id: string) =>
  `${(9e15 - Date.parse(at)).toString().padStart(16, '0')}|${id}`;

export function registerCompanies(app: OpenAPIHono<ApiEnv>, cache: SnapshotCache): void {
  app.openapi(meRoute, (c) => {
    const { user } = principal(c);
    return c.json({ id: user.id, email: user.email, role: user.role, companyId: user.companyId }, 200);
  });

  app.openapi(listCompaniesRoute, (c) => {
    const db = c.get('runtime').store.db;
    return c.json({ items: visibleCompanies(c).map((co) => companySummary(db, co)) }, 200);
  });

  app.openapi(getCompanyRoute, (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    return c.json(companySummary(c.get('runtime').store.db, company), 200);
  });

  app.openapi(listRunsRoute, (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    const { cursor, limit } = c.req.valid('query');
    const runs = listRuns(c.get('runtime').store.db, company.id, 10_000).map((r) => ({
      id: r.id,
      status: r.status,
      trigger: r.trigger,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      errorCode: r.errorCode,
      error: r.error,
      failedSide: r.failedSide,
      snapshotId: r.snapshotId,
      notes: runNotes(r.stats ? JSON.parse(r.stats) : null),
    }));
    const key = (r: (typeof runs)[number]) => newestFirst(r.startedAt, r.id);
    return c.json(
      paginate(
        runs.sort((a, b) => key(a).localeCompare(key(b))),
        key,
        cursor,
        limit,
      ),
      200,
    );
  });

  app.openapi(listSnapshotsRoute, (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    const { cursor, limit } = c.req.valid('query');
    const snaps = listSnapshots(c.get('runtime').store.db, company.id)
      .filter((s) => s.deletedAt === null)
      .map((s) => ({
        id: s.id,
        runId: s.runId,
        takenAt: s.takenAt,
        sizeBytes: s.sizeBytes,
        pinnedReason: s.pinnedReason,
      }));
    const key = (s: (typeof snaps)[number]) => newestFirst(s.takenAt, s.id);
    return c.json(
      paginate(
        snaps.sort((a, b) => key(a).localeCompare(key(b))),
        key,
        cursor,
        limit,
      ),
      200,
    );
  });

  app.openapi(triggerSnapshotRoute, (c) => {
    const runtime = c.get('runtime');
    const company = companyFor(c, c.req.valid('param').companyId);
    if (lastRun(runtime.store.db, company.id)?.status === 'running') {
      throw new ApiError(
        'conflict',
        'snapshot_running',
        `a snapshot of ${company.id} is already running; wait for it`,
      );
    }
    const log = c.get('log');
    runSnapshotForCompany(runtime, company, 'api').then(
      (outcome) => {
        if (!outcome.ok) log.warn({ company: company.id, code: outcome.code }, outcome.message);
      },
      (e: Error) => log.warn({ company: company.id, err: e }, 'snapshot did not start'),
    );
    return c.json({ status: 'started' as const }, 202);
  });

  app.openapi(listJobsRoute, async (c) => {
    const company = companyFor(c, c.req.valid('param').companyId);
    const { cursor, limit } = c.req.valid('query');
    const jobs = await loadJobs(cache, company.id, jobFilter(c, company.id));
    return c.json(
      paginate(jobs, (j) => j.number, cursor, limit),
      200,
    );
  });
}
