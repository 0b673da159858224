/** The company's users with an email, as alert recipients: enabled, of that company (or every company), PMs with their jobs. */
import { readsAssignedJobsOnly } from '../roles.ts';
import type { StoreDb } from '../store/db.ts';
import { assignedJobs, listUsers } from '../store/users.ts';
import type { AlertRecipient } from './recipients.ts';

export function usersAsRecipients(db: StoreDb, companyId: string): AlertRecipient[] {
  return listUsers(db)
    .filter((u) => !u.disabledAt && u.email && (u.companyId === null || u.companyId === companyId))
    .map((u) => ({
      email: u.email,
      role: u.role,
      jobs: readsAssignedJobsOnly(u.role) ? [...assignedJobs(db, u.id, companyId)] : undefined,
    }));
}
