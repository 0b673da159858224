/** Disables a person: every session ends and every token is revoked in the same transaction. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { users } from '../store/schema/users.ts';
import { getUser, type UserRow } from '../store/users.ts';
import { nowOf, type VerbCtx } from '../verb.ts';
import { assertManages, cutAccess, notSelf } from './manage.ts';

/** Disables a user: every session ends and every token is revoked, now. */
export function disableUser({ ctx, input }: { ctx: VerbCtx; input: { userId: string } }): UserRow {
  assertManages(ctx);
  const when = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    const user = getUser(db, input.userId);
    notSelf(ctx, user, 'disable');
    if (user.disabledAt) return user;
    db.update(users).set({ disabledAt: when }).where(eq(users.id, user.id)).run();
    const cut = cutAccess(db, user.id, when);
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'user.disable',
      companyId: user.companyId,
      entity: `user:${user.id}`,
      before: { disabledAt: null },
      after: { disabledAt: when, sessionsEnded: cut.sessions, tokensRevoked: cut.tokens },
      note: ctx.actor.credential ?? null,
      at: when,
    });
    return { ...user, disabledAt: when };
  });
}
