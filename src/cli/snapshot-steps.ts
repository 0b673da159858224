/**
 * The steps that follow a snapshot (reconcile, queue approvals, send alerts), registered by the commands that
 * take snapshots (`snapshot`, `serve`) when they run, so no other command loads them.
 */
export async function registerSnapshotSteps(): Promise<void> {
  const { registerReconciliation } = await import('../recon/after-snapshot.ts');
  const { registerApprovalSteps } = await import('../approvals/after-snapshot.ts');
  const { registerAlertSteps } = await import('../alerts/after-snapshot.ts');
  // Order matters: approvals read the findings reconciliation wrote; alerts come last.
  registerReconciliation();
  registerApprovalSteps();
  registerAlertSteps();
}
