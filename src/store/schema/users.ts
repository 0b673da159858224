/**
 * People and their credentials. API tokens and session ids are stored only as SHA-256 hashes (they are long
 * random strings, so a fast hash suffices); passwords use scrypt with a per-user salt. A user may be limited
 * to one company; a `pm` reads only the jobs assigned to them.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './core.ts';
import { ROLES } from './enums.ts';

export { ROLES, type Role } from './enums.ts';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** null = every company of the installation. */
    companyId: text('company_id').references(() => companies.id),
    /** scrypt$N$r$p$salt$hash, or null when the user signs in with a token only. */
    passwordHash: text('password_hash'),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** sha256 hex of the token; the token itself is shown once. */
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.userId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 hex of the cookie value. */
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** Random per session; forms carry it and it must match (CSRF). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** The API token the session was started with (null for a password sign-in); revoking it ends the session. */
    tokenId: text('token_id'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Jobs a `pm` may read, per company and job number (assigned by an admin). */
export const jobAssignments = sqliteTable(
  'job_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    jobNumber: text('job_number').notNull(),
    assignedBy: text('assigned_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('job_assignments_user_job').on(t.userId, t.companyId, t.jobNumber)],
);
