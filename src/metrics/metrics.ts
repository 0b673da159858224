/**
 * The numbers an operator watches, in Prometheus' text format (prom-client). One registry per running
 * product (no process-wide state). Two kinds of figures:
 * - read from the operational store when Prometheus scrapes, so they are true after a restart and agree with
 *   run history and the findings list: snapshot runs by outcome, the last run's duration, rows per side and
 *   table and connector counters (API calls, retries…) of the last published run, findings by check and status;
 * - observed in this process as work happens: reconciliation time, API latency by route, report render time.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/db.ts';
import { findings, runs } from '../store/schema/index.ts';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

interface StoredRunStats {
  sides?: Record<
    string,
    {
      system?: string;
      tables?: Record<string, { read?: number; loaded?: number; quarantined?: number }>;
      stats?: Record<string, number>;
    }
  >;
}

export class Metrics {
  readonly registry = new Registry();
  /** Seconds one reconciliation of a published snapshot took. */
  readonly reconciliation: Histogram<'company'>;
  /** Seconds from request to response, by route as registered (`GET /api/companies/:companyId/jobs`). */
  readonly http: Histogram<'method' | 'route' | 'status'>;
  /** Seconds to build and render one report. */
  readonly reportRender: Histogram<'report' | 'format'>;

  constructor(store: Store) {
    const registry = this.registry;
    this.reconciliation = new Histogram({
      name: 'tieout_reconciliation_seconds',
      help: 'Time to reconcile a published snapshot (all checks, findings recorded).',
      labelNames: ['company'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
    this.http = new Histogram({
      name: 'tieout_http_request_duration_seconds',
      help: 'API and page latency by route as registered.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.reportRender = new Histogram({
      name: 'tieout_report_render_seconds',
      help: 'Time to build and render a report (job cost, WIP, surety) in a format.',
      labelNames: ['report', 'format'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });

    new Counter({
      name: 'tieout_snapshot_runs_total',
      help: 'Snapshot runs recorded, by company and outcome (running, succeeded, failed).',
      labelNames: ['company', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        const rows = store.db
          .select({ company: runs.companyId, status: runs.status, n: sql<number>`count(*)` })
          .from(runs)
          .groupBy(runs.companyId, runs.status)
          .all();
        for (const r of rows) this.inc({ company: r.company, status: r.status }, r.n);
      },
    });

    new Gauge({
      name: 'tieout_snapshot_last_run_seconds',
      help: 'Duration of the latest finished snapshot run of each company, by its outcome.',
      labelNames: ['company', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const run of latestFinishedRuns(store)) {
          const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
          if (Number.isFinite(seconds)) this.set({ company: run.companyId, status: run.status }, seconds);
        }
      },
    });

    const lastSucceeded = () =>
      latestFinishedRuns(store, 'succeeded').map((run) => ({
        company: run.companyId,
        stats: parseStats(run.stats),
      }));
    new Gauge({
      name: 'tieout_snapshot_rows',
      help: 'Rows loaded into the latest published snapshot, per side and canonical table.',
      labelNames: ['company', 'side', 'table'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { company, stats } of lastSucceeded()) {
          for (const [side, s] of Object.entries(stats.sides ?? {})) {
            for (const [table, t] of Object.entries(s.tables ?? {})) {
              this.set({ company, side, table }, t.loaded ?? 0);
            }
          }
        }
      },
    });
    new Gauge({
      name: 'tieout_connector_last_run',
      help: 'Counters a connector kept during the latest published run (API calls, retries, rate-limit waits…).',
      labelNames: ['company', 'side', 'system', 'counter'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { company, stats } of lastSucceeded()) {
          for (const [side, s] of Object.entries(stats.sides ?? {})) {
            for (const [counter, value] of Object.entries(s.stats ?? {})) {
              if (typeof value === 'number')
                this.set({ company, side, system: s.system ?? '', counter }, value);
            }
          }
        }
      },
    });
    new Gauge({
      name: 'tieout_findings',
      help: 'Findings in the store by company, check and status (open, acknowledged, resolved, ignored).',
      labelNames: ['company', 'check', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        const counted = store.db
          .select({
            company: findings.companyId,
            check: findings.checkId,
            status: findings.status,
            n: sql<number>`count(*)`,
          })
          .from(findings)
          .groupBy(findings.companyId, findings.checkId, findings.status)
          .all();
        for (const f of counted) this.set({ company: f.company, check: f.check, status: f.status }, f.n);
      },
    });
  }

  /** The exposition text Prometheus reads. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

function parseStats(text: string | null): StoredRunStats {
  if (!text) return {};
  try {
    return JSON.parse(text) as StoredRunStats;
  } catch {
    return {};
  }
}

/** Each company's latest finished run (of one outcome, when given). */
function latestFinishedRuns(store: Store, status?: 'succeeded' | 'failed') {
  const companies = store.db.selectDistinct({ id: runs.companyId }).from(runs).all();
  return companies.flatMap(({ id }) => {
    const finished = sql`${runs.finishedAt} IS NOT NULL`;
    const where = status
      ? and(eq(runs.companyId, id), eq(runs.status, status), finished)
      : and(eq(runs.companyId, id), finished);
    return store.db.select().from(runs).where(where).orderBy(desc(runs.finishedAt)).limit(1).all();
  });
}
