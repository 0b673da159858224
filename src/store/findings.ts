/**
 * The findings lifecycle: record each reconciled snapshot's findings with their drift and keep each finding's
 * status across snapshots. What people do to a finding (acknowledge, ignore) are verbs in src/findings/.
 *
 *   open ──acknowledge(note, who)──▶ acknowledged
 *     │                                  │
 *     ├──ignore(reason, who)──▶ ignored ─┤── (the difference changes) ──▶ open again
 *     └──────── (gone from the next complete snapshot) ──────────────▶ resolved ── (back) ──▶ open
 *
 * A snapshot that could only say source.stale proves nothing about the other findings: they are neither
 * resolved nor aged by it.
 */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { TieoutError } from '../../connectors/errors.ts';
import { type DriftEntry, diffFindings, type Finding } from '../recon/index.ts';
import { nowIso, type Store, type StoreDb, withTransaction } from './db.ts';
import { type FindingStatus, findingObservations, findings, reconRuns } from './schema/findings.ts';

export type FindingRow = typeof findings.$inferSelect;

export class FindingNotFound extends TieoutError {
  constructor(companyId: string, key: string) {
    super(
      'not_found',
      'finding_not_found',
      `no finding "${key}" for company ${companyId}; list them with \`tieout findings --company ${companyId}\``,
    );
  }
}

export class FindingActionRefused extends TieoutError {
  constructor(message: string) {
    super('conflict', 'finding_action_refused', message);
  }
}

export interface RecordInput {
  companyId: string;
  snapshotId: string;
  takenAt: string;
  findings: Finding[];
}

/** Records a reconciled snapshot (or a failed run's source.stale finding) and returns its drift. */
export function recordFindings(store: Store, input: RecordInput): DriftEntry[] {
  return withTransaction(store, (db) => {
    const { companyId, snapshotId, takenAt } = input;
    const complete = !input.findings.some((f) => f.check === 'source.stale');
    // Recording the same snapshot again replaces its earlier record.
    db.delete(findingObservations)
      .where(
        and(eq(findingObservations.companyId, companyId), eq(findingObservations.snapshotId, snapshotId)),
      )
      .run();
    db.delete(reconRuns)
      .where(and(eq(reconRuns.companyId, companyId), eq(reconRuns.snapshotId, snapshotId)))
      .run();

    const lifecycle = new Map(
      db
        .select()
        .from(findings)
        .where(eq(findings.companyId, companyId))
        .all()
        .map((r) => [r.key, r]),
    );
    const previous = previousFindings(db, companyId, takenAt).map((f) => ({
      ...f,
      firstSeenAt:
        lifecycle.get(f.key)?.status === 'resolved' ? f.takenAt : lifecycle.get(f.key)?.firstSeenAt,
    }));
    const currentKeys = new Set(input.findings.map((f) => f.key));
    const comparable = complete
      ? previous
      : previous.filter((f) => currentKeys.has(f.key) || f.check === 'source.stale');
    const drift = diffFindings(comparable, input.findings);

    for (const f of input.findings) upsertLifecycle(db, lifecycle.get(f.key), f);
    for (const row of lifecycle.values()) {
      if (row.status === 'resolved' || currentKeys.has(row.key)) continue;
      if (!complete && row.checkId !== 'source.stale') continue;
      db.update(findings)
        .set({ status: 'resolved', resolvedAt: takenAt })
        .where(and(eq(findings.companyId, companyId), eq(findings.key, row.key)))
        .run();
    }
    for (const d of drift) {
      db.insert(findingObservations)
        .values({
          companyId,
          snapshotId,
          key: d.key,
          drift: d.state,
          previousDifference: d.previousDifference,
          finding: JSON.stringify(d.finding),
        })
        .run();
    }
    db.insert(reconRuns)
      .values({
        companyId,
        snapshotId,
        takenAt,
        recordedAt: nowIso(),
        complete,
        findingCount: input.findings.length,
      })
      .run();
    return drift;
  });
}

function previousFindings(db: StoreDb, companyId: string, takenAt: string): Finding[] {
  const run = db
    .select()
    .from(reconRuns)
    .where(
      and(eq(reconRuns.companyId, companyId), lt(reconRuns.takenAt, takenAt), eq(reconRuns.complete, true)),
    )
    .orderBy(desc(reconRuns.takenAt))
    .limit(1)
    .get();
  const stale = db
    .select()
    .from(findings)
    .where(and(eq(findings.companyId, companyId), eq(findings.checkId, 'source.stale')))
    .all()
    .filter((r) => r.status !== 'resolved')
    .map((r) => JSON.parse(r.latest) as Finding);
  if (!run) return stale;
  const observed = db
    .select()
    .from(findingObservations)
    .where(
      and(eq(findingObservations.companyId, companyId), eq(findingObservations.snapshotId, run.snapshotId)),
    )
    .all()
    .filter((o) => o.drift !== 'resolved')
    .map((o) => JSON.parse(o.finding) as Finding);
  const keys = new Set(observed.map((f) => f.key));
  return [...observed, ...stale.filter((f) => !keys.has(f.key))];
}

function upsertLifecycle(db: StoreDb, existing: FindingRow | undefined, f: Finding): void {
  const seen = {
    severity: f.severity,
    lastSeenAt: f.takenAt,
    lastSeenSnapshot: f.snapshotId,
    lastDifference: f.difference,
    latest: JSON.stringify(f),
  };
  if (!existing) {
    db.insert(findings)
      .values({
        companyId: f.companyId,
        key: f.key,
        checkId: f.check,
        status: 'open',
        firstSeenAt: f.takenAt,
        firstSeenSnapshot: f.snapshotId,
        ...seen,
      })
      .run();
    return;
  }
  let status: FindingStatus = existing.status;
  const reset: Partial<FindingRow> = {};
  if (status === 'resolved') {
    // Back after being resolved: a new occurrence, aged from now.
    status = 'open';
    Object.assign(reset, { firstSeenAt: f.takenAt, firstSeenSnapshot: f.snapshotId, resolvedAt: null });
  } else if (status === 'ignored' && existing.ignoredDifference !== f.difference) {
    // Ignored only while the numbers stay as they were when someone decided to ignore it.
    status = 'open';
    Object.assign(reset, { ignoredDifference: null });
  }
  db.update(findings)
    .set({ ...seen, ...reset, status })
    .where(and(eq(findings.companyId, f.companyId), eq(findings.key, f.key)))
    .run();
}

export interface ListedFinding {
  finding: Finding;
  status: FindingStatus;
  drift: string;
  firstSeenAt: string;
  note: string | null;
  actedBy: string | null;
}

/** Findings with their status and latest drift; by default the ones still needing attention. */
export function listFindings(
  db: StoreDb,
  filter: { companyId?: string; check?: string; statuses?: FindingStatus[] } = {},
): ListedFinding[] {
  const statuses = filter.statuses ?? ['open', 'acknowledged'];
  const conditions = [inArray(findings.status, statuses)];
  if (filter.companyId) conditions.push(eq(findings.companyId, filter.companyId));
  if (filter.check) conditions.push(eq(findings.checkId, filter.check));
  const rows = db
    .select({ row: findings, drift: findingObservations.drift })
    .from(findings)
    .leftJoin(
      findingObservations,
      and(
        eq(findingObservations.companyId, findings.companyId),
        eq(findingObservations.snapshotId, findings.lastSeenSnapshot),
        eq(findingObservations.key, findings.key),
      ),
    )
    .where(and(...conditions))
    .all();
  return rows
    .map(({ row, drift }) => ({
      finding: JSON.parse(row.latest) as Finding,
      status: row.status,
      drift: row.status === 'resolved' ? 'resolved' : (drift ?? 'unchanged'),
      firstSeenAt: row.firstSeenAt,
      note: row.note,
      actedBy: row.actedBy,
    }))
    .sort(
      (a, b) =>
        a.finding.companyId.localeCompare(b.finding.companyId) ||
        (a.finding.jobNumber ?? '').localeCompare(b.finding.jobNumber ?? '') ||
        a.finding.key.localeCompare(b.finding.key),
    );
}
