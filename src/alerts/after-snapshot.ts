/**
 * Alerts as a step of every snapshot run (after reconciliation and the approval step): queue the findings
 * emails for the new and worsened findings, then deliver the outbox. A failed run's source.stale finding
 * (recorded by reconciliation) goes out the same way. Also the digest and outbox jobs for the scheduler.
 */
import type { CompanyConfig } from '../config/schema.ts';
import type { Severity } from '../recon/catalogue.ts';
import type { Runtime } from '../runtime.ts';
import { onSnapshotFailed, onSnapshotPublished } from '../snapshot/run.ts';
import { latestReconRun } from '../store/alerts.ts';
import { queueApproverDigest } from './digest.ts';
import { queueFindingAlerts } from './findings-alerts.ts';
import { publicUrl } from './html.ts';
import { deliverOutbox } from './outbox.ts';
import { alertRecipients, type ListUsers } from './recipients.ts';
import { alertTransport } from './transport.ts';
import { usersAsRecipients } from './users.ts';

let registered = false;
let users: ListUsers | undefined;

/** The company's users from the store, plus the config's extra addresses. */
function recipientsOf(runtime: Runtime, company: CompanyConfig) {
  return alertRecipients(company, users ?? ((id) => usersAsRecipients(runtime.store.db, id)));
}

/** Registers the alert step (once per process); `listUsers` overrides where users come from (tests). */
export function registerAlertSteps(listUsers?: ListUsers): void {
  users = listUsers ?? users;
  if (registered) return;
  registered = true;
  onSnapshotPublished(async (runtime, company, published) => {
    await alertAfterRecon(runtime, company, published.snapshot.id, published.snapshot.takenAt);
  });
  onSnapshotFailed(async (runtime, company) => {
    const run = latestReconRun(runtime.store.db, company.id);
    if (run && !run.complete) await alertAfterRecon(runtime, company, run.snapshotId, run.takenAt);
  });
}

function minSeverity(env: NodeJS.ProcessEnv): Severity {
  const v = env.TIEOUT_ALERT_MIN_SEVERITY;
  return v === 'info' || v === 'critical' ? v : 'warning';
}

export async function alertAfterRecon(
  runtime: Runtime,
  company: CompanyConfig,
  snapshotId: string,
  takenAt: string,
): Promise<void> {
  const queued = queueFindingAlerts(runtime.store, {
    company,
    snapshotId,
    takenAt,
    recipients: recipientsOf(runtime, company),
    minSeverity: minSeverity(process.env),
    baseUrl: publicUrl(),
  });
  const report = await deliverAlerts(runtime);
  runtime.log.info({ company: company.id, recipients: queued.size, ...report }, 'alert emails');
}

export async function deliverAlerts(runtime: Runtime) {
  const transport = alertTransport(runtime.config.dataDir);
  try {
    return await deliverOutbox(runtime.store, transport);
  } finally {
    transport.close();
  }
}

export async function sendApproverDigest(runtime: Runtime, company: CompanyConfig): Promise<void> {
  const queued = queueApproverDigest(runtime.store, {
    company,
    recipients: recipientsOf(runtime, company),
    staleDays: company.settings.approvalStaleDays,
    baseUrl: publicUrl(),
  });
  if (queued > 0) await deliverAlerts(runtime);
}
