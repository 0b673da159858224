/**
 * What every user-management verb shares. People are managed by an admin of the whole installation (a user
 * tied to one company cannot manage users, who span companies) or by the installation's operator on the
 * command line; nobody disables or demotes themselves; cutting a person's access ends every session and token.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { assertCan } from '../roles.ts';
import type { StoreDb } from '../store/db.ts';
import { apiTokens } from '../store/schema/users.ts';
import { endUserSessions } from '../store/sessions.ts';
import { findUserByEmail, UserError, type UserRow } from '../store/users.ts';
import { OutOfScope, type VerbCtx } from '../verb.ts';

/** The first line of a user-management verb: the role (src/roles.ts), then the installation scope. */
export function assertManages(ctx: VerbCtx): void {
  assertCan(ctx.actor, 'user.manage');
  const me = findUserByEmail(ctx.store.db, ctx.actor.email ?? ctx.actor.id);
  if (me?.companyId) {
    throw new OutOfScope(
      `this admin is limited to company ${me.companyId}; users are managed by an installation admin`,
    );
  }
}

export function notSelf(ctx: VerbCtx, user: UserRow, doing: string): void {
  if (user.email === ctx.actor.id) {
    throw new UserError('own_account', `you cannot ${doing} your own account; ask another admin`);
  }
}

export function cutAccess(db: StoreDb, userId: string, when: string): { sessions: number; tokens: number } {
  const sessions = endUserSessions(db, userId);
  const tokens = db
    .update(apiTokens)
    .set({ revokedAt: when })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
  return { sessions, tokens };
}
