/**
 * Alerts as a step of every snapshot run (after reconciliation and the approval step): queue the findings
 * emails for the new and worsened findings, then deliver the outbox. A failed run's source.stale finding
 * (recorded by reconciliation) goes out the same way. Also the digest and outbox jobs for the scheduler.
 */
import type { CompanyConfig } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import { onSnapshotFailed, onSnapshotPublished } from '../snapshot/run.ts';
import { latestReconRun } from '../store/alerts.ts';
import { queueApproverDigest } from './digest.ts';
import { queueFindingAlerts } from './findings-alerts.ts';
import { deliverOutbox } from './outbox.ts';
import { alertRecipients, type ListUsers } from './recipients.ts';
import { alertSettings } from './settings.ts';
import { alertTransport } from './transport.ts';
import { usersAsRecipients } from './users.ts';

let registered = false;
let users: ListUsers | undefined;

/** The company's users from the store, plus the config's extra addresses. */
function recipientsOf(runtime: Runtime, company: CompanyConfig) {
  const extra = alertSettings(runtime.config, company).extraRecipients;
  return alertRecipients(
    { id: company.id, alertRecipients: extra },
    users ?? ((id) => usersAsRecipients(runtime.store.db, id)),
  );
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

export async function alertAfterRecon(
  runtime: Runtime,
  company: CompanyConfig,
  snapshotId: string,
  takenAt: string,
): Promise<void> {
  const settings = alertSettings(runtime.config, company);
  const queued = queueFindingAlerts(runtime.store, {
    company,
    snapshotId,
    takenAt,
    recipients: recipientsOf(runtime, company),
    minSeverity: settings.minSeverity,
    baseUrl: settings.publicUrl,
  });
  const report = await deliverAlerts(runtime);
  runtime.log.info({ company: company.id, recipients: queued.size, ...report }, 'alert emails');
}

export async function deliverAlerts(runtime: Runtime) {
  const transport = alertTransport(runtime.config.dataDir, {
    smtpUrl: runtime.config.smtpUrl,
    from: alertSettings(runtime.config, null).mailFrom,
  });
  try {
    return await deliverOutbox(runtime.store, transport);
  } finally {
    transport.close();
  }
}

export async function sendApproverDigest(runtime: Runtime, company: CompanyConfig): Promise<void> {
  const settings = alertSettings(runtime.config, company);
  const queued = queueApproverDigest(runtime.store, {
    company,
    recipients: recipientsOf(runtime, company),
    staleDays: settings.approvalWaitDays,
    baseUrl: settings.publicUrl,
  });
  if (queued > 0) await deliverAlerts(runtime);
}
