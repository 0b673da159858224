/**
 * Users, API tokens and page passwords. Tokens are random (32 bytes), shown once, stored as SHA-256, revocable
 * and optionally expiring. Passwords use scrypt (slow by design). Every change is audited in its transaction.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
import { scryptHash, scryptMatches, scryptOutdated } from '../../connectors/secrets.ts';
import { appendAudit } from './audit.ts';
import { nowIso, type Store, type StoreDb, withTransaction } from './db.ts';
import { apiTokens, jobAssignments, type Role, users } from './schema/users.ts';
import { endTokenSessions, endUserSessions } from './sessions.ts';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type { Role } from './schema/users.ts';
export { ROLES } from './schema/users.ts';

const USER_ERROR_KIND = {
  user_exists: 'conflict',
  user_not_found: 'not_found',
  token_not_found: 'not_found',
  bad_password: 'bad_request',
  own_account: 'forbidden',
} as const satisfies Record<string, ErrorKind>;

export class UserError extends TieoutError {
  constructor(
    override readonly code: keyof typeof USER_ERROR_KIND,
    message: string,
  ) {
    super(USER_ERROR_KIND[code], code, message);
    this.name = 'UserError';
  }
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function newToken(): string {
  return `tieout_${randomBytes(32).toString('base64url')}`;
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < 12) throw new UserError('bad_password', 'a password needs at least 12 characters');
  return scryptHash(password);
}

export const passwordMatches = scryptMatches;

/**
 * After a sign-in with the right password: a hash made with older scrypt parameters is replaced by one made
 * with today's (same password, new salt). Only if the stored hash is still the one checked (a password change
 * in between wins). Not a change of credential: sessions are kept and no audit entry is written.
 */
export async function upgradePasswordHash(db: StoreDb, user: UserRow, password: string): Promise<boolean> {
  if (!scryptOutdated(user.passwordHash)) return false;
  const next = await scryptHash(password);
  const changed = db
    .update(users)
    .set({ passwordHash: next })
    .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash!)))
    .run().changes;
  return changed === 1;
}

export interface NewUser {
  email: string;
  role: Role;
  companyId?: string | null;
  passwordHash?: string | null;
  tokenName?: string;
  expiresAt?: string | null;
  by: string;
}

/** Creates a user with a first API token; returns the token in clear (the only time it exists). */
export function addUser(store: Store, input: NewUser): { user: UserRow; token: string; tokenId: string } {
  return withTransaction(store, (db) => {
    const email = input.email.trim().toLowerCase();
    if (db.select().from(users).where(eq(users.email, email)).get()) {
      throw new UserError('user_exists', `a user ${email} already exists; issue another token instead`);
    }
    const user: UserRow = {
      id: randomUUID(),
      email,
      role: input.role,
      companyId: input.companyId ?? null,
      passwordHash: input.passwordHash ?? null,
      createdAt: nowIso(),
      disabledAt: null,
    };
    db.insert(users).values(user).run();
    appendAudit(db, {
      actor: input.by,
      action: 'user.add',
      companyId: user.companyId,
      entity: `user:${user.id}`,
      after: { email, role: user.role, companyId: user.companyId, password: user.passwordHash !== null },
    });
    const issued = issueToken(store, {
      userId: user.id,
      name: input.tokenName ?? 'first',
      expiresAt: input.expiresAt,
      by: input.by,
    });
    return { user, ...issued };
  });
}

/** A token given no expiry expires after this many days (README "Users, tokens and roles"). */
export const TOKEN_DAYS = 90;

export function defaultTokenExpiry(now = new Date()): string {
  return new Date(now.getTime() + TOKEN_DAYS * 86_400_000).toISOString();
}

/** How stale `lastUsedAt` may get before a use writes it again (each write moves the store's generation). */
const LAST_USED_STEP_MS = 3600_000;

/**
 * Records a token's use: at most once an hour per token, so a busy client does not write the store (and so
 * empty every cache keyed by its generation) on each request.
 */
export function touchToken(db: StoreDb, tokenId: string, lastUsedAt: string | null, now = new Date()): void {
  if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < LAST_USED_STEP_MS) return;
  db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, tokenId)).run();
}

export function issueToken(
  store: Store,
  input: { userId: string; name: string; expiresAt?: string | null; by: string },
): { token: string; tokenId: string } {
  return withTransaction(store, (db) => {
    const user = getUser(db, input.userId);
    const token = newToken();
    const row: TokenRow = {
      id: randomUUID(),
      userId: user.id,
      name: input.name,
      tokenHash: sha256(token),
      createdAt: nowIso(),
      expiresAt: input.expiresAt ?? defaultTokenExpiry(),
      revokedAt: null,
      lastUsedAt: null,
    };
    db.insert(apiTokens).values(row).run();
    appendAudit(db, {
      actor: input.by,
      action: 'token.issue',
      companyId: user.companyId,
      entity: `token:${row.id}`,
      after: { userId: user.id, name: row.name, expiresAt: row.expiresAt },
    });
    return { token, tokenId: row.id };
  });
}

export function revokeToken(store: Store, input: { tokenId: string; by: string }): TokenRow {
  return withTransaction(store, (db) => {
    const before = db.select().from(apiTokens).where(eq(apiTokens.id, input.tokenId)).get();
    if (!before) throw new UserError('token_not_found', `no token ${input.tokenId}; list them per user`);
    if (before.revokedAt) return before;
    const revokedAt = nowIso();
    db.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, input.tokenId)).run();
    // A page session started with this token ends with it, not 12 hours later.
    endTokenSessions(db, before.id);
    appendAudit(db, {
      actor: input.by,
      action: 'token.revoke',
      entity: `token:${before.id}`,
      before: { revokedAt: null },
      after: { revokedAt },
    });
    return { ...before, revokedAt };
  });
}

export function setPassword(store: Store, input: { userId: string; passwordHash: string; by: string }): void {
  withTransaction(store, (db) => {
    const user = getUser(db, input.userId);
    db.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, user.id)).run();
    endUserSessions(db, user.id);
    appendAudit(db, { actor: input.by, action: 'user.password', entity: `user:${user.id}` });
  });
}

export function assignJob(
  store: Store,
  input: { userId: string; companyId: string; jobNumber: string; by: string },
): void {
  withTransaction(store, (db) => {
    const user = getUser(db, input.userId);
    db.insert(jobAssignments)
      .values({ ...input, assignedBy: input.by, createdAt: nowIso() })
      .onConflictDoNothing()
      .run();
    appendAudit(db, {
      actor: input.by,
      action: 'user.assign_job',
      companyId: input.companyId,
      entity: `user:${user.id}`,
      after: { jobNumber: input.jobNumber },
    });
  });
}

export function assignedJobs(db: StoreDb, userId: string, companyId: string): Set<string> {
  const rows = db
    .select({ jobNumber: jobAssignments.jobNumber })
    .from(jobAssignments)
    .where(and(eq(jobAssignments.userId, userId), eq(jobAssignments.companyId, companyId)))
    .all();
  return new Set(rows.map((r) => r.jobNumber));
}

export function getUser(db: StoreDb, id: string): UserRow {
  const user = db.select().from(users).where(eq(users.id, id)).get();
  if (!user) throw new UserError('user_not_found', `no user ${id}; list them with GET /api/users`);
  return user;
}

export function findUserByEmail(db: StoreDb, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function listUsers(db: StoreDb): UserRow[] {
  return db.select().from(users).orderBy(asc(users.email)).all();
}

export function listTokens(db: StoreDb, userId: string): TokenRow[] {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt))
    .all();
}

/** Token lookups run on every API request: one prepared statement per store connection. */
const tokenLookups = new WeakMap<StoreDb, ReturnType<typeof prepareTokenLookup>>();

function prepareTokenLookup(db: StoreDb) {
  return db
    .select({
      tokenId: apiTokens.id,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      user: users,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    )
    .prepare();
}

/** The user holding a live (not revoked, user not disabled) token by its hash, with its expiry; or null. */
export function tokenHolder(
  db: StoreDb,
  tokenHash: string,
): { tokenId: string; user: UserRow; expiresAt: string | null; lastUsedAt: string | null } | null {
  let lookup = tokenLookups.get(db);
  if (!lookup) {
    lookup = prepareTokenLookup(db);
    tokenLookups.set(db, lookup);
  }
  return lookup.get({ hash: tokenHash }) ?? null;
}

/** The live token (not revoked, not expired, user not disabled) and its user, or null. */
export function liveToken(
  db: StoreDb,
  token: string,
  now = nowIso(),
): { tokenId: string; user: UserRow } | null {
  const row = tokenHolder(db, sha256(token));
  if (!row) return null;
  if (row.expiresAt && row.expiresAt <= now) return null;
  return { tokenId: row.tokenId, user: row.user };
}

/** The live user behind a bearer token, or null (unknown, revoked, expired, or user disabled). */
export function userForToken(db: StoreDb, token: string, now = nowIso()): UserRow | null {
  return liveToken(db, token, now)?.user ?? null;
}
