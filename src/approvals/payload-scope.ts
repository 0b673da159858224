/**
 * Whose records a payload touches. A proposal belongs to one company and may only write that company's
 * records; a pm may only propose on the jobs assigned to them. A person's proposal comes with the company's
 * job list from its latest snapshot (company-projects.ts, read before the transaction): a project that is no
 * job of the company is refused, and a pm's on a job not theirs. Without that list (tieout's own proposals
 * from findings, or a company with no snapshot yet) the findings recorded in the store say which job a project
 * is, and a project no finding names is left to the writer (which writes only into the company's own Procore
 * company, and that refuses a project it does not hold).
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { readsAssignedJobsOnly } from '../roles.ts';
import type { StoreDb } from '../store/db.ts';
import { findings } from '../store/schema/findings.ts';
import { users } from '../store/schema/users.ts';
import { assignedJobs } from '../store/users.ts';
import type { Actor } from './actor.ts';
import type { CompanyProjects } from './company-projects.ts';
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
export function assertPayloadInScope(
  db: StoreDb,
  actor: Actor,
  companyId: string,
  payload: unknown,
  projects: CompanyProjects | null = null,
): void {
  const projectId = projectOf(payload);
  if (projectId === null) return; // company-wide (a vendor link): the company check above the verb applies
  if (projects && projects.companyId === companyId) {
    const job = projects.jobOf.get(projectId);
    if (job === undefined) {
      throw new ApprovalError(
        'wrong_company',
        `Procore project ${projectId} is no job of ${companyId} (snapshot of ${projects.snapshot.takenAt.slice(0, 10)}); propose it under the company whose job it is, or take a snapshot if the job is new`,
      );
    }
    if (readsAssignedJobsOnly(actor.role)) assertPmJob(db, actor, companyId, projectId, job);
    return;
  }
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
  if (!readsAssignedJobsOnly(actor.role)) return;
  const job = own.find((r) => r.job !== null)?.job ?? null;
  if (job === null) return;
  assertPmJob(db, actor, companyId, projectId, job);
}

function assertPmJob(db: StoreDb, actor: Actor, companyId: string, projectId: string, job: string): void {
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
