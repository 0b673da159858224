/**
 * The scheduler inside `tieout serve`: per company, in its time zone, the nightly snapshot (its `schedule`,
 * default 02:00) with no overlap, the approver's digest (at `alerts.digestHour`, default 07:00), and every
 * five minutes the executor (approved writes), then a pass over the outbox for emails whose retry is due, then
 * housekeeping (expired page sessions are deleted). A snapshot missed while the server was down is taken at
 * start-up.
 * Next run times feed /api/status.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { alertSettings } from '../alerts/settings.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { runSnapshotForCompany, SnapshotAlreadyRunningError } from '../snapshot/run.ts';
import { lastRun } from '../store/runs.ts';
import { purgeExpiredSessions } from '../store/sessions.ts';
import { missedRun } from './catch-up.ts';

export interface SchedulerJobs {
  snapshot(runtime: Runtime, company: CompanyConfig, trigger: string): Promise<unknown>;
  digest(runtime: Runtime, company: CompanyConfig): Promise<unknown>;
  deliver(runtime: Runtime): Promise<unknown>;
  /** Writes approved proposals (the executor), on the same beat as the outbox. */
  execute(runtime: Runtime): Promise<unknown>;
  /** Deletes what has expired (page sessions), after the outbox on the same beat. */
  housekeep(runtime: Runtime): Promise<unknown>;
}

/** The default housekeeping: expired sessions are deleted (a stolen expired cookie then matches no row). */
export async function housekeep(runtime: Runtime, now = new Date()): Promise<{ sessions: number }> {
  const sessions = purgeExpiredSessions(runtime.store.db, now.toISOString());
  if (sessions > 0) runtime.log.info({ sessions }, 'expired sessions deleted');
  return { sessions };
}

export interface SchedulerOptions {
  runtime: Runtime;
  jobs?: Partial<SchedulerJobs>;
  /** Overrides every company's digest time (tests); default: each company's alert settings. */
  digestSchedule?: string;
  outboxSchedule?: string;
  now?: () => Date;
}

export interface Scheduler {
  nextRun(companyId: string): Date | null;
  /** Takes the snapshots missed while the server was down; resolves when they are done. */
  catchUp(): Promise<string[]>;
  stop(): Promise<void>;
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

export function startScheduler(o: SchedulerOptions): Scheduler {
  const { runtime } = o;
  const jobs: SchedulerJobs = {
    snapshot: (r, c, trigger) => runSnapshotForCompany(r, c, trigger),
    digest: async () => {},
    deliver: async () => {},
    execute: async () => {},
    housekeep: (r) => housekeep(r),
    ...o.jobs,
  };
  const guarded = (what: string, company: string | null, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof SnapshotAlreadyRunningError) {
        runtime.log.warn({ company }, `${what} skipped: ${e.message}`);
        return;
      }
      runtime.log.error({ company, err: e instanceof Error ? e.message : String(e) }, `${what} failed`);
    }
  };
  const snapshotTasks = new Map<string, ScheduledTask>();
  const tasks: ScheduledTask[] = [];
  for (const company of runtime.config.companies) {
    const options = { timezone: company.timezone, noOverlap: true, logger: silent };
    const snapshot = cron.schedule(
      company.schedule,
      guarded('scheduled snapshot', company.id, () => jobs.snapshot(runtime, company, 'schedule')),
      { ...options, name: `snapshot:${company.id}` },
    );
    snapshotTasks.set(company.id, snapshot);
    tasks.push(snapshot);
    const digestHour = alertSettings(runtime.config, company).digestHour;
    tasks.push(
      cron.schedule(
        o.digestSchedule ?? `0 ${digestHour} * * *`,
        guarded('approver digest', company.id, () => jobs.digest(runtime, company)),
        { ...options, name: `digest:${company.id}` },
      ),
    );
  }
  tasks.push(
    cron.schedule(
      o.outboxSchedule ?? '*/5 * * * *',
      async () => {
        // Approved writes first, so their alerts (if any) go out in the same pass.
        await guarded('approved writes', null, () => jobs.execute(runtime))();
        await guarded('outbox delivery', null, () => jobs.deliver(runtime))();
        await guarded('housekeeping', null, () => jobs.housekeep(runtime))();
      },
      {
        noOverlap: true,
        logger: silent,
        name: 'outbox',
      },
    ),
  );

  return {
    nextRun(companyId) {
      return snapshotTasks.get(companyId)?.getNextRun() ?? null;
    },
    async catchUp() {
      const caught: string[] = [];
      for (const company of runtime.config.companies) {
        const task = snapshotTasks.get(company.id)!;
        const missed = missedRun(
          task,
          lastRun(runtime.store.db, company.id)?.startedAt,
          o.now?.() ?? new Date(),
        );
        if (!missed) continue;
        runtime.log.info(
          { company: company.id, scheduledFor: missed.toISOString() },
          'taking a missed snapshot',
        );
        await guarded('catch-up snapshot', company.id, () => jobs.snapshot(runtime, company, 'catch-up'))();
        caught.push(company.id);
      }
      return caught;
    },
    async stop() {
      for (const t of tasks) await t.destroy();
    },
  };
}
