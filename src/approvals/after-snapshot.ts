/**
 * Approvals as a step of every snapshot run (after reconciliation): proposals whose finding is gone go
 * stale, and the rules propose what the new findings call for.
 */
import { onSnapshotPublished } from '../snapshot/run.ts';
import { proposeFromFindings } from './rules.ts';
import { markStaleProposals } from './stale.ts';

let registered = false;

/** Registers the approval step (once per process); call after registerReconciliation. */
export function registerApprovalSteps(): void {
  if (registered) return;
  registered = true;
  onSnapshotPublished(async (runtime, company, published) => {
    const staled = markStaleProposals(runtime.store, {
      companyId: company.id,
      snapshotId: published.snapshot.id,
    });
    const proposed = proposeFromFindings(runtime.store, company);
    runtime.log.info(
      { company: company.id, runId: published.runId, stale: staled.length, proposed },
      'approval queue updated',
    );
  });
}
