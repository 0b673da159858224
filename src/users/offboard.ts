/**
 * Offboarding and changes of access, one verb each, called as `verb({ ctx: { actor, store, now }, input })`.
 * The first line asks src/roles.ts whether the actor may manage users; the change, the end of the person's
 * sessions and tokens (where it applies) and the audit entry happen in one transaction, so a person whose
 * access is cut is cut everywhere at once. Granting the approver role also emails the other approvers.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { queueEmail } from '../alerts/outbox.ts';
import type { Actor } from '../approvals/actor.ts';
import { assertCan } from '../roles.ts';
import { appendAudit } from '../store/audit.ts';
import { type Store, type StoreDb, withTransaction } from '../store/db.ts';
import { apiTokens, type Role, users } from '../store/schema/users.ts';
import { endUserSessions } from '../store/sessions.ts';
import { getUser, UserError, type UserRow } from '../store/users.ts';

export interface UsersCtx {
  actor: Actor;
  store: Store;
  now?: () => Date;
}

const at = (ctx: UsersCtx) => (ctx.now?.() ?? new Date()).toISOString();

function notSelf(ctx: UsersCtx, user: UserRow, doing: string): void {
  if (user.email === ctx.actor.id) {
    throw new UserError('own_account', `you cannot ${doing} your own account; ask another admin`);
  }
}

function cutAccess(db: StoreDb, userId: string, when: string): { sessions: number; tokens: number } {
  const sessions = endUserSessions(db, userId);
  const tokens = db
    .update(apiTokens)
    .set({ revokedAt: when })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
  return { sessions, tokens };
}

/** Disables a user: every session ends and every token is revoked, now. */
export function disableUser({ ctx, input }: { ctx: UsersCtx; input: { userId: string } }): UserRow {
  assertCan(ctx.actor, 'user.manage');
  const when = at(ctx);
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

/** Enables a disabled user again; they need a new token or a password sign-in (the old tokens stay revoked). */
export function enableUser({ ctx, input }: { ctx: UsersCtx; input: { userId: string } }): UserRow {
  assertCan(ctx.actor, 'user.manage');
  const when = at(ctx);
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

/** Changes a user's role; their sessions end (pages re-read the role at the next sign-in). */
export function changeRole({
  ctx,
  input,
}: {
  ctx: UsersCtx;
  input: { userId: string; role: Role };
}): UserRow {
  assertCan(ctx.actor, 'user.manage');
  const when = at(ctx);
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

/** Limits a user to one company, or (null) opens every company; their sessions end. */
export function assignCompany({
  ctx,
  input,
}: {
  ctx: UsersCtx;
  input: { userId: string; companyId: string | null };
}): UserRow {
  assertCan(ctx.actor, 'user.manage');
  const when = at(ctx);
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

/**
 * Granting the approver role is what lets a person decide writes to Procore and the books, so every other
 * approver who can see the person's company hears of it (an admin cannot quietly make themselves a second
 * approver). Call inside the grant's transaction.
 */
export function tellApprovers(db: StoreDb, ctx: UsersCtx, granted: UserRow, when: string): number {
  const others = db
    .select()
    .from(users)
    .where(and(eq(users.role, 'approver'), isNull(users.disabledAt)))
    .all()
    .filter(
      (u) =>
        u.id !== granted.id &&
        (u.companyId === null || granted.companyId === null || u.companyId === granted.companyId),
    );
  const text =
    `${ctx.actor.id} gave ${granted.email} the approver role on ${when.slice(0, 10)}` +
    ` (${granted.companyId ?? 'every company'}). Approvers decide writes to Procore and the books.` +
    ' If you did not expect this, ask an installation admin to check the audit log.';
  for (const u of others) {
    queueEmail(db, {
      companyId: granted.companyId ?? 'installation',
      kind: 'digest',
      recipient: u.email,
      email: {
        subject: `tieout: ${granted.email} is now an approver`,
        text,
        html: `<p>${escapeHtml(text)}</p>`,
      },
      at: when,
    });
  }
  return others.length;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
