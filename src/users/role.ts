/** Changes a person's role; their sessions end, and an approver grant is told to the other approvers. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { type Role, users } from '../store/schema/users.ts';
import { endUserSessions } from '../store/sessions.ts';
import { getUser, type UserRow } from '../store/users.ts';
import { nowOf, type VerbCtx } from '../verb.ts';
import { assertManages, notSelf } from './manage.ts';
import { tellApprovers } from './tell-approvers.ts';

/** Changes a user's role; their sessions end (pages re-read the role at the next sign-in). */
export function changeRole({ ctx, input }: { ctx: VerbCtx; input: { userId: string; role: Role } }): UserRow {
  assertManages(ctx);
  const when = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    const user = getUser(db, input.userId);
    notSelf(ctx, user, 'change the role of');
    if (user.role === input.role) return user;
    db.update(users).set({ role: input.role }).where(eq(users.id, user.id)).run();
    endUserSessions(db, user.id);
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'user.role',
      companyId: user.companyId,
      entity: `user:${user.id}`,
      before: { role: user.role },
      after: { role: input.role },
      note: ctx.actor.credential ?? null,
      at: when,
    });
    const after = { ...user, role: input.role };
    if (input.role === 'approver') tellApprovers(db, ctx, after, when);
    return after;
  });
}
