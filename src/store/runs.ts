/** Run history and the snapshot registry. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Store, StoreDb } from './db.ts';
import { nowIso, withTransaction } from './db.ts';
import { companies, connectorState, runs, snapshots } from './schema/core.ts';

export type RunRow = typeof runs.$inferSelect;
export type SnapshotRow = typeof snapshots.$inferSelect;

export function upsertCompany(db: StoreDb, company: { id: string; name: string; timezone: string }): void {
  db.insert(companies)
    .values(company)
    .onConflictDoUpdate({ target: companies.id, set: { name: company.name, timezone: company.timezone } })
    .run();
}

export function startRun(
  db: StoreDb,
  run: { id: string; companyId: string; trigger: string; startedAt: string },
): void {
  db.insert(runs)
    .values({ ...run, status: 'running', pid: process.pid })
    .run();
}

export function failRun(
  db: StoreDb,
  runId: string,
  failure: { code: string; message: string; side?: string | null; stats?: unknown },
): void {
  db.update(runs)
    .set({
      status: 'failed',
      finishedAt: nowIso(),
      errorCode: failure.code,
      error: failure.message,
      failedSide: failure.side ?? null,
      stats: failure.stats === undefined ? null : JSON.stringify(failure.stats),
    })
    .where(eq(runs.id, runId))
    .run();
}

/** Records a published snapshot and the run's success in one transaction, with the connectors' new state. */
export function succeedRun(
  store: Store,
  input: {
    runId: string;
    snapshot: Omit<SnapshotRow, 'pinnedReason' | 'deletedAt'>;
    stats: unknown;
    states: { side: 'pm' | 'erp'; system: string; state: unknown }[];
  },
): void {
  withTransaction(store, (db) => {
    db.insert(snapshots).values(input.snapshot).run();
    db.update(runs)
      .set({
        status: 'succeeded',
        finishedAt: nowIso(),
        snapshotId: input.snapshot.id,
        stats: JSON.stringify(input.stats),
      })
      .where(eq(runs.id, input.runId))
      .run();
    for (const s of input.states) {
      db.insert(connectorState)
        .values({
          companyId: input.snapshot.companyId,
          side: s.side,
          system: s.system,
          state: JSON.stringify(s.state),
          updatedAt: nowIso(),
        })
        .onConflictDoUpdate({
          target: [connectorState.companyId, connectorState.side],
          set: { system: s.system, state: JSON.stringify(s.state), updatedAt: nowIso() },
        })
        .run();
    }
  });
}

/** Incremental state from the last successful run, if the same system is still configured. */
export function loadConnectorState(
  db: StoreDb,
  companyId: string,
  side: 'pm' | 'erp',
  system: string,
): unknown {
  const row = db
    .select()
    .from(connectorState)
    .where(and(eq(connectorState.companyId, companyId), eq(connectorState.side, side)))
    .get();
  if (!row || row.system !== system) return undefined;
  return JSON.parse(row.state);
}

export function listRuns(db: StoreDb, companyId?: string, limit = 50): RunRow[] {
  const q = db.select().from(runs);
  const filtered = companyId ? q.where(eq(runs.companyId, companyId)) : q;
  return filtered.orderBy(desc(runs.startedAt)).limit(limit).all();
}

export function lastRun(db: StoreDb, companyId: string): RunRow | undefined {
  return db
    .select()
    .from(runs)
    .where(eq(runs.companyId, companyId))
    .orderBy(desc(runs.startedAt))
    .limit(1)
    .get();
}

export function getRun(db: StoreDb, runId: string): RunRow | undefined {
  return db.select().from(runs).where(eq(runs.id, runId)).get();
}

/** Live snapshots of a company, newest first. */
export function listSnapshots(db: StoreDb, companyId?: string): SnapshotRow[] {
  const live = isNull(snapshots.deletedAt);
  return db
    .select()
    .from(snapshots)
    .where(companyId ? and(eq(snapshots.companyId, companyId), live) : live)
    .orderBy(desc(snapshots.takenAt))
    .all();
}

/** The current snapshot: the newest published one. */
export function currentSnapshot(db: StoreDb, companyId: string): SnapshotRow | undefined {
  return listSnapshots(db, companyId)[0];
}

export function getSnapshot(db: StoreDb, snapshotId: string): SnapshotRow | undefined {
  return db.select().from(snapshots).where(eq(snapshots.id, snapshotId)).get();
}

export function pinSnapshot(db: StoreDb, snapshotId: string, reason: string): void {
  db.update(snapshots).set({ pinnedReason: reason }).where(eq(snapshots.id, snapshotId)).run();
}

export function unpinSnapshot(db: StoreDb, snapshotId: string): void {
  db.update(snapshots).set({ pinnedReason: null }).where(eq(snapshots.id, snapshotId)).run();
}

export function markSnapshotDeleted(db: StoreDb, snapshotId: string): void {
  db.update(snapshots).set({ deletedAt: nowIso() }).where(eq(snapshots.id, snapshotId)).run();
}

/** Runs left 'running' by a process that no longer exists (a crash or kill): recorded as failed. */
export function failInterruptedRuns(db: StoreDb, isAlive: (pid: number) => boolean): RunRow[] {
  const stuck = db.select().from(runs).where(eq(runs.status, 'running')).all();
  const dead = stuck.filter((r) => r.pid === null || !isAlive(r.pid));
  for (const r of dead) {
    failRun(db, r.id, {
      code: 'run_interrupted',
      message: 'the process running this snapshot stopped before it finished; nothing was published',
    });
  }
  return dead;
}
