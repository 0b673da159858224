/** Report handlers: choose the format, call the shared report wiring (src/reports), name the file. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { jobCostJson } from '../../reports/job-cost/tables.ts';
import { type ReportFormat, type ReportKind, renderReport } from '../reports/render.ts';
import type { Store } from '../store/db.ts';
import type { ApiEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { jobCostLines, jobCostReport, wipLines } from './queries.ts';
import { RenderedReports } from './rendered-reports.ts';
import {
  companyReportRoute,
  FORMATS,
  jobCostLinesRoute,
  jobCostRoute,
  MEDIA,
  wipLinesRoute,
} from './reports.routes.ts';
import { companyFor, principal, requireJob } from './scope.ts';
import type { SnapshotCache } from './snapshots.ts';

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** `?format=` wins; otherwise the first Accept media type tieout can produce; JSON by default. */
export function pickFormat(c: Context, format: ReportFormat | undefined): ReportFormat {
  if (format) return format;
  const accept = c.req.header('accept') ?? '';
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]!.trim();
    const found = FORMATS.find((f) => MEDIA[f].startsWith(type));
    if (found) return found;
  }
  return 'json';
}

function fileResponse(c: Context, name: string, format: ReportFormat, body: string | Buffer): Response {
  const headers: Record<string, string> = { 'content-type': MEDIA[format] };
  if (format !== 'json') headers['content-disposition'] = `attachment; filename="${name}.${format}"`;
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, headers);
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

export function registerReports(app: OpenAPIHono<ApiEnv>, cache: SnapshotCache, store: Store): void {
  const reports = new RenderedReports(store);
  app.openapi(jobCostRoute, async (c) => {
    const { companyId, jobNumber } = c.req.valid('param');
    const company = companyFor(c, companyId);
    requireJob(c, company.id, jobNumber);
    const q = c.req.valid('query');
    const asOf = q.asOf ?? todayUtc();
    const format = pickFormat(c, q.format);
    const name = safe(`${company.id}-job-cost-${jobNumber}-${asOf}`);
    if (format === 'json') {
      // The JSON of a job from a snapshot never changes: kept beside the report and served as is.
      const { snapshot, note } = cache.asOf(company, asOf);
      const body = await cache.memo(snapshot, `job-cost-json\u0000${jobNumber}\u0000${asOf}`, async () => {
        const report = await jobCostReport(cache, snapshot, company, jobNumber, asOf, note);
        return JSON.stringify({
          ...jobCostJson(report),
          snapshot: { id: snapshot.id, takenAt: snapshot.takenAt },
        });
      });
      return c.body(body, 200, { 'content-type': 'application/json' }) as never;
    }
    const rendered = await c
      .get('limits')
      .renders.run(() =>
        renderReport(c.get('runtime'), company, { kind: 'job-cost', format, asOf, jobNumber }),
      );
    return fileResponse(c, name, format, rendered.body) as never;
  });

  app.openapi(companyReportRoute, async (c) => {
    const { companyId, kind } = c.req.valid('param');
    const company = companyFor(c, companyId);
    const q = c.req.valid('query');
    const asOf = q.asOf ?? todayUtc();
    const format = pickFormat(c, q.format ?? (kind === 'surety' ? 'pdf' : undefined));
    if (kind === 'surety' && format !== 'pdf') {
      throw new ApiError(
        'bad_request',
        'invalid_request',
        'query field "format": the surety package is a PDF; use format=pdf',
      );
    }
    const preparedBy = principal(c).user.email;
    // A kept rendering is served without a render slot; a new one waits for none (503 when all are busy).
    const rendered = await reports.get([company.id, kind, format, asOf, preparedBy], () =>
      c
        .get('limits')
        .renders.run(() =>
          renderReport(c.get('runtime'), company, { kind: kind as ReportKind, format, asOf, preparedBy }),
        ),
    );
    return fileResponse(c, safe(`${company.id}-${kind}-${asOf}`), format, rendered.body) as never;
  });

  app.openapi(wipLinesRoute, async (c) => {
    const { companyId, jobNumber, column } = c.req.valid('param');
    const company = companyFor(c, companyId);
    const asOf = c.req.valid('query').asOf ?? todayUtc();
    const renders = c.get('limits').renders;
    const lineage = await wipLines(cache, company, { asOf, jobNumber, column }, (fn) => renders.run(fn));
    return c.json(lineage, 200) as never;
  });

  app.openapi(jobCostLinesRoute, async (c) => {
    const { companyId, jobNumber, column } = c.req.valid('param');
    const company = companyFor(c, companyId);
    requireJob(c, company.id, jobNumber);
    const asOf = c.req.valid('query').asOf ?? todayUtc();
    return c.json(await jobCostLines(cache, company, jobNumber, asOf, column), 200) as never;
  });
}
