/** Resets a person's page password (hashed by the caller: hashing is slow and async); their sessions end. */
import { setPassword } from '../store/users.ts';
import type { Verb } from '../verb.ts';
import { assertManages } from './manage.ts';

export function resetPassword({ ctx, input }: Verb<{ userId: string; passwordHash: string }>): void {
  assertManages(ctx);
  setPassword(ctx.store, { ...input, by: ctx.actor.id });
}
