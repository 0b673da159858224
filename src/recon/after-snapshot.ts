/**
 * Reconciliation as a step of every snapshot run: after a snapshot is published its findings are computed
 * and recorded; after a run fails, source.stale is recorded instead (and nothing else changes).
 */
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { onSnapshotFailed, onSnapshotPublished } from '../snapshot/run.ts';
import type { PublishedSnapshot } from '../snapshot/take.ts';
import { nowIso } from '../store/db.ts';
import { recordFindings } from '../store/findings.ts';
import { systemName } from './messages.ts';
import { reconcile } from './runner.ts';
import { staleFindingForFailedRun } from './stale.ts';
import { wipCheckFindingsFor } from './wip-checks/index.ts';

let registered = false;

/** Registers reconciliation with the snapshot run (once per process). */
export function registerReconciliation(): void {
  if (registered) return;
  registered = true;
  onSnapshotPublished(reconcilePublished);
  onSnapshotFailed(async (runtime, company, outcome) => {
    const finding = staleFindingForFailedRun({
      companyId: company.id,
      runId: outcome.runId,
      at: nowIso(),
      side: outcome.side ?? null,
      system: outcome.side ? String(company[outcome.side].type) : null,
      error: outcome.message,
    });
    recordFindings(runtime.store, {
      companyId: company.id,
      snapshotId: finding.snapshotId,
      takenAt: finding.takenAt,
      findings: [finding],
    });
  });
}

export async function reconcilePublished(
  runtime: Runtime,
  company: CompanyConfig,
  published: PublishedSnapshot,
): Promise<void> {
  const started = Date.now();
  const instance = await openDuckDb(published.absolutePath, { readOnly: true });
  const con = await instance.connect();
  try {
    const findings = await reconcile({
      con,
      settings: company.settings,
      takenAt: published.snapshot.takenAt,
      companyId: company.id,
      snapshotId: published.snapshot.id,
    });
    // The early fade warnings read the WIP and the closed periods; a source gone stale has none.
    if (!findings.some((f) => f.check === 'source.stale')) {
      try {
        findings.push(
          ...(await wipCheckFindingsFor(runtime, company, published.snapshot, con, {
            pm: systemName('pm', String(company.pm.type)),
            erp: systemName('erp', String(company.erp.type)),
          })),
        );
      } catch (e) {
        runtime.log.warn(
          { company: company.id, runId: published.runId, err: (e as Error).message },
          'the WIP checks could not run on this snapshot',
        );
      }
    }
    const drift = recordFindings(runtime.store, {
      companyId: company.id,
      snapshotId: published.snapshot.id,
      takenAt: published.snapshot.takenAt,
      findings,
    });
    runtime.metrics?.reconciliation.observe({ company: company.id }, (Date.now() - started) / 1000);
    const counts: Record<string, number> = {};
    for (const d of drift) counts[d.state] = (counts[d.state] ?? 0) + 1;
    runtime.log.info(
      {
        company: company.id,
        runId: published.runId,
        findings: findings.length,
        drift: counts,
        ms: Date.now() - started,
      },
      'reconciled snapshot',
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
