/** Limits a person to one company, or (null) unassigns them to see every company; their sessions end. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../store/audit.ts';
import { withTransaction } from '../store/db.ts';
import { users } from '../store/schema/users.ts';
import { endUserSessions } from '../store/sessions.ts';
import { getUser, type UserRow } from '../store/users.ts';
import { nowOf, type VerbCtx } from '../verb.ts';
import { assertManages } from './manage.ts';

/** Limits a user to one company, or (null) opens every company; their sessions end. */
export function assignCompany({
  ctx,
  input,
}: {
  ctx: VerbCtx;
  input: { userId: string; companyId: string | null };
}): UserRow {
  assertManages(ctx);
  const when = nowOf(ctx);
  return withTransaction(ctx.store, (db) => {
    const user = getUser(db, input.userId);
    if (user.companyId === input.companyId) return user;
    db.update(users).set({ companyId: input.companyId }).where(eq(users.id, user.id)).run();
    endUserSessions(db, user.id);
    appendAudit(db, {
      actor: ctx.actor.id,
      action: 'user.company',
      companyId: input.companyId ?? user.companyId,
      entity: `user:${user.id}`,
      before: { companyId: user.companyId },
      after: { companyId: input.companyId },
      note: ctx.actor.credential ?? null,
      at: when,
    });
    return { ...user, companyId: input.companyId };
  });
}
