/**
 * What every domain verb is called with: `verb({ ctx: { actor, store, now }, input })`. The verb's first line
 * asks src/roles.ts whether the actor may (`assertCan`), it scopes what it touches by the actor's company and
 * (for a pm) jobs, and it writes its audit entry in the same transaction as the change.
 */
import { TieoutError } from '../connectors/errors.ts';
import type { Actor } from './approvals/actor.ts';
import { readsAssignedJobsOnly } from './roles.ts';
import type { Store, StoreDb } from './store/db.ts';
import { assignedJobs, findUserByEmail } from './store/users.ts';

export interface VerbCtx {
  actor: Actor;
  store: Store;
  /** The clock (tests inject one); the wall clock when absent. */
  now?: () => Date;
}

export interface Verb<I> {
  ctx: VerbCtx;
  input: I;
}

export function nowOf(ctx: VerbCtx): string {
  return (ctx.now?.() ?? new Date()).toISOString();
}

export class OutOfScope extends TieoutError {
  constructor(message: string) {
    super('forbidden', 'forbidden', message);
    this.name = 'OutOfScope';
  }
}

/**
 * Refuses an actor outside the company (a user tied to another company) or, for a pm, outside the job.
 * tieout itself and the installation operator are not users of the store: they are not scoped.
 */
export function assertInScope(db: StoreDb, actor: Actor, companyId: string, jobNumber?: string | null): void {
  const user = findUserByEmail(db, actor.email ?? actor.id);
  if (!user) return;
  if (user.companyId !== null && user.companyId !== companyId) {
    throw new OutOfScope(`this account is limited to company ${user.companyId}`);
  }
  if (jobNumber === undefined || !readsAssignedJobsOnly(user.role)) return;
  if (jobNumber === null || !assignedJobs(db, user.id, companyId).has(jobNumber)) {
    throw new OutOfScope(`job ${jobNumber ?? '(none)'} is not assigned to you; ask an admin`);
  }
}
