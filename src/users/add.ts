/**
 * Adds a person with a first API token (returned in clear, the only time it exists). Adding an approver is a
 * grant of the approver role: the other approvers hear of it in the same transaction.
 */
import { withTransaction } from '../store/db.ts';
import { addUser as insertUser, type NewUser, type UserRow } from '../store/users.ts';
import type { Verb } from '../verb.ts';
import { assertManages } from './manage.ts';
import { tellApprovers } from './tell-approvers.ts';

export function addUser({ ctx, input }: Verb<Omit<NewUser, 'by'>>): {
  user: UserRow;
  token: string;
  tokenId: string;
} {
  assertManages(ctx);
  return withTransaction(ctx.store, (db) => {
    const added = insertUser(ctx.store, { ...input, by: ctx.actor.id });
    if (added.user.role === 'approver') tellApprovers(db, ctx, added.user, added.user.createdAt);
    return added;
  });
}
