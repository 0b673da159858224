/**
 * The steps that follow a snapshot (reconcile, queue approvals, send alerts), registered by the commands that
 * take snapshots (`snapshot`, `serve`) when they run, so no other command loads them.
 */
export async function registerSnapshotSteps(): Promise<void> {
  const [{ registerReconciliation }, { registerApprovalSteps }, { registerAlertSteps }] = await Promise.all([
    import('../recon/after-snapshot.ts'),
    import('../approvals/after-snapshot.ts'),
    import('../alerts/after-snapshot.ts'),
  ]);
  // Order matters: approvals read the findings reconciliation wrote; alerts come last.
  registerReconciliation();
  registerApprovalSteps();
  registerAlertSteps();
}
