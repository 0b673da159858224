/** Revokes an API token; a page session started with it ends with it. */
import { revokeToken as markRevoked, type TokenRow } from '../store/users.ts';
import type { Verb } from '../verb.ts';
import { assertManages } from './manage.ts';

export function revokeToken({ ctx, input }: Verb<{ tokenId: string }>): TokenRow {
  assertManages(ctx);
  return markRevoked(ctx.store, { tokenId: input.tokenId, by: ctx.actor.id });
}
