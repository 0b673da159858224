/**
 * Runs the WIP checks (checks.ts) for a published snapshot: the WIP as of the snapshot's day in the company's
 * time zone, computed from that snapshot, the closed periods before it from the store, and the commitments
 * from the snapshot's books (committed.sql).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Dec } from '../../../connectors/canonical/money.ts';
import { periodOf } from '../../../reports/shared/period.ts';
import type { CompanyConfig } from '../../config/schema.ts';
import { todayIn } from '../../reports/as-of.ts';
import { computeWip } from '../../reports/wip-inputs.ts';
import type { Runtime } from '../../runtime.ts';
import type { SnapshotRow } from '../../store/runs.ts';
import { closedPeriodsBefore } from '../../store/wip.ts';
import { skippedChecks } from '../catalogue.ts';
import { runSqlFile } from '../sql.ts';
import { toleranceFor } from '../tolerance.ts';
import type { Finding } from '../types.ts';
import { type CommittedFloor, historyFromClosed, wipCheckFindings } from './checks.ts';

export async function readCommitted(
  con: DuckDBConnection,
  asOf: string,
): Promise<Map<string, CommittedFloor>> {
  const rows = await runSqlFile(con, './wip-checks/committed.sql', { as_of: asOf });
  return new Map(
    rows.map((r) => [
      String(r.job_id),
      {
        committed: new Dec(String(r.committed)),
        commitments: Number(r.commitments),
        invoicedOnCommitments: new Dec(String(r.invoiced_on_commitments)),
      },
    ]),
  );
}

export async function wipCheckFindingsFor(
  runtime: Runtime,
  company: CompanyConfig,
  snapshot: SnapshotRow,
  con: DuckDBConnection,
  names: { pm: string; erp: string },
): Promise<Finding[]> {
  const asOf = todayIn(company.timezone, new Date(snapshot.takenAt));
  const { schedule } = await computeWip(runtime, company, { asOf, snapshot, ignoreClose: true });
  const closed = closedPeriodsBefore(runtime.store.db, company.id, periodOf(asOf));
  const skipped = new Set(skippedChecks(company.settings.tablesNotExported).map((s) => s.check));
  const found = wipCheckFindings({
    wip: schedule,
    history: historyFromClosed(closed),
    committed: await readCommitted(con, asOf),
    tolerance: (check) => toleranceFor(company.settings, check),
    ctx: { companyId: company.id, snapshotId: snapshot.id, takenAt: snapshot.takenAt },
    names,
  });
  return found.filter((f) => !skipped.has(f.check));
}
