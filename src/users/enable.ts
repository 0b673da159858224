/** Enables a disabled person again; their old tokens stay revoked. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { users } from '../store/schema/users.ts';
import { getUser, type UserRow } from '../store/users.ts';
import { nowOf, type VerbCtx } from '../verb.ts';
import { assertManages } from './manage.ts';

/** Enables a disabled user again; they need a new token or a password sign-in (the old tokens stay revoked). */
export function enableUser({ ctx, input }: { ctx: VerbCtx; input: { userId: string } }): UserRow {
  assertManages(ctx);
  const when = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    const user = getUser(db, input.userId);
    if (!user.disabledAt) return user;
    db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id)).run();
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'user.enable',
      companyId: user.companyId,
      entity: `user:${user.id}`,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt: null },
      note: ctx.actor.credential ?? null,
      at: when,
    });
    return { ...user, disabledAt: null };
  });
}
