/**
 * Who receives a company's alerts. A PM gets only their own jobs; approvers, admins and the extra addresses
 * in the company's config (`alertRecipients`) get everything. Users come from the users store through
 * `listUsers` (wired by the server); without it, the config's addresses are the recipients.
 */
export interface AlertRecipient {
  email: string;
  role: 'viewer' | 'pm' | 'approver' | 'admin' | 'extra';
  /** For a PM: the job numbers they run. */
  jobs?: string[];
  name?: string | null;
}

export type ListUsers = (companyId: string) => AlertRecipient[];

export function alertRecipients(
  company: { id: string; alertRecipients?: string[] },
  listUsers?: ListUsers,
): AlertRecipient[] {
  const users = (listUsers?.(company.id) ?? []).filter((u) => u.email && u.role !== 'viewer');
  const seen = new Set(users.map((u) => u.email.toLowerCase()));
  const extras = (company.alertRecipients ?? [])
    .filter((e) => !seen.has(e.toLowerCase()))
    .map((email) => ({ email, role: 'extra' as const }));
  return [...users, ...extras];
}

/** Whether a recipient should hear about a finding on this job (null job = company-wide: everyone). */
export function seesJob(r: AlertRecipient, jobNumber: string | null): boolean {
  if (r.role !== 'pm') return true;
  if (!jobNumber) return false;
  return (r.jobs ?? []).includes(jobNumber);
}

export function isApproverOrAdmin(r: AlertRecipient): boolean {
  return r.role === 'approver' || r.role === 'admin' || r.role === 'extra';
}
