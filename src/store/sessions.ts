/** Page sessions: the cookie holds a random id, the store its SHA-256, the user and the form (CSRF) token. */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { nowIso, type StoreDb } from './db.ts';
import { sessions, users } from './schema/users.ts';
import { sha256, type UserRow } from './users.ts';

export const SESSION_HOURS = 12;

export interface OpenSession {
  user: UserRow;
  csrfToken: string;
}

export function createSession(
  db: StoreDb,
  userId: string,
  now = new Date(),
  tokenId: string | null = null,
): { cookie: string; csrfToken: string } {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  db.insert(sessions)
    .values({
      idHash: sha256(cookie),
      userId,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      tokenId,
    })
    .run();
  return { cookie, csrfToken };
}

export function sessionFor(db: StoreDb, cookie: string): OpenSession | null {
  const row = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.idHash, sha256(cookie)), gt(sessions.expiresAt, nowIso()), isNull(users.disabledAt)),
    )
    .get();
  return row ? { user: row.user, csrfToken: row.session.csrfToken } : null;
}

/** Ends every session of a user (disable, role, company or password change). Call in that change's transaction. */
export function endUserSessions(db: StoreDb, userId: string): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Ends the sessions started with a token (its revocation). */
export function endTokenSessions(db: StoreDb, tokenId: string): number {
  return db.delete(sessions).where(eq(sessions.tokenId, tokenId)).run().changes;
}

/** Removes expired sessions (the scheduler's housekeeping). */
export function purgeExpiredSessions(db: StoreDb, now = nowIso()): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}

export function endSession(db: StoreDb, cookie: string): void {
  db.delete(sessions)
    .where(eq(sessions.idHash, sha256(cookie)))
    .run();
}
