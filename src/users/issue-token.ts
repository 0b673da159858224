/**
 * Issues an API token to the person asking, never to someone else: nobody (not even an admin) mints a
 * credential they could then act with as another person.
 */
import { assertCan } from '../roles.ts';
import { findUserByEmail, issueToken as insertToken, UserError } from '../store/users.ts';
import type { Verb } from '../verb.ts';

export function issueOwnToken({ ctx, input }: Verb<{ name: string; expiresAt?: string | null }>): {
  token: string;
  tokenId: string;
} {
  assertCan(ctx.actor, 'token.issue_own');
  const me = findUserByEmail(ctx.store.db, ctx.actor.email ?? ctx.actor.id);
  if (!me) throw new UserError('user_not_found', `no user ${ctx.actor.id}; an admin adds people`);
  return insertToken(ctx.store, {
    userId: me.id,
    name: input.name,
    expiresAt: input.expiresAt,
    by: me.email,
  });
}
