/**
 * Whose records a payload touches. A proposal belongs to one company and may only write that company's
 * records; a pm may only propose on the jobs assigned to them. Tieout knows which job a Procore project id is
 * from the findings it recorded (each carries the PM job id and the job number), so the check runs in the
 * same transaction as the proposal, against the store. A project no finding names is not refused here (the
 * writer writes only into the company's own Procore company, which refuses a project it does not hold).
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { StoreDb } from '../store/db.ts';
import { findings } from '../store/schema/findings.ts';
import { users } from '../store/schema/users.ts';
import { assignedJobs } from '../store/users.ts';
import type { Actor } from './actor.ts';
import { ApprovalError } from './errors.ts';

/** The Procore project a payload writes into, if any (`projectId`, or the project a link sets). */
export function projectOf(payload: unknown): string | null {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (typeof p.projectId === 'string') return p.projectId;
  if (p.resource === 'projects' && typeof p.id === 'string') return p.id;
  return null;
}

function jobsOfProject(db: StoreDb, projectId: string, where: ReturnType<typeof eq>) {
  return db
    .selectDistinct({
      companyId: findings.companyId,
      job: sql<string | null>`json_extract(${findings.latest}, '$.jobNumber')`,
    })
    .from(findings)
    .where(and(where, sql`json_extract(${findings.latest}, '$.pmJobId') = ${projectId}`))
    .all();
}

/** Refuses a payload outside the proposing company, or (for a pm) outside the pm's assigned jobs. */
export function assertPayloadInScope(db: StoreDb, actor: Actor, companyId: string, payload: unknown): void {
  const projectId = projectOf(payload);
  if (projectId === null) return; // company-wide (a vendor link): the company check above the verb applies
  const own = jobsOfProject(db, projectId, eq(findings.companyId, companyId));
  if (own.length === 0) {
    const elsewhere = jobsOfProject(db, projectId, ne(findings.companyId, companyId));
    if (elsewhere.length > 0) {
      throw new ApprovalError(
        'wrong_company',
        `Procore project ${projectId} is one of another company's jobs, not ${companyId}'s; propose it under that company`,
      );
    }
  }
  if (actor.role !== 'pm') return;
  const job = own.find((r) => r.job !== null)?.job ?? null;
  if (job === null) return;
  const user = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, actor.email ?? actor.id))
    .get();
  const mine = user ? assignedJobs(db, user.id, companyId) : new Set<string>();
  if (!mine.has(job)) {
    throw new ApprovalError(
      'not_your_job',
      `Procore project ${projectId} is job ${job}, which is not assigned to you; ask its pm or an approver to propose`,
    );
  }
}
