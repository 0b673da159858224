/**
 * The actor of an approval verb is a user of the users store: the API takes the authenticated user, the CLI
 * looks up `--user <email or id>`. The actor's id is the user's email (unique, lowercased), the same name
 * findings, users and periods record in the audit log, so one person is one name everywhere.
 */
import { eq } from 'drizzle-orm';
import type { StoreDb } from '../store/db.ts';
import { users } from '../store/schema/users.ts';
import { findUserByEmail, type UserRow } from '../store/users.ts';
import type { Actor } from './actor.ts';
import { ApprovalError } from './errors.ts';

export function actorOf(user: Pick<UserRow, 'email' | 'role'>): Actor {
  return { id: user.email, role: user.role, email: user.email };
}

/** The live user named by email or id; unknown and disabled users are refused with what to do. */
export function findActor(db: StoreDb, emailOrId: string): Actor {
  const named = emailOrId.trim();
  const user = named.includes('@')
    ? findUserByEmail(db, named)
    : db.select().from(users).where(eq(users.id, named)).get();
  if (!user) {
    throw new ApprovalError(
      'unknown_user',
      `no user "${named}"; tieout users list shows them, tieout users add creates one`,
    );
  }
  if (user.disabledAt) {
    throw new ApprovalError(
      'user_disabled',
      `user ${user.email} was disabled on ${user.disabledAt.slice(0, 10)} and may not act on the approval queue`,
    );
  }
  return actorOf(user);
}
