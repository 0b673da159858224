/** Gives a pm a job to read and propose on (a pm sees only the jobs assigned to them). */
import { assignJob as insertAssignment } from '../store/users.ts';
import type { Verb } from '../verb.ts';
import { assertManages } from './manage.ts';

export function assignJob({
  ctx,
  input,
}: Verb<{ userId: string; companyId: string; jobNumber: string }>): void {
  assertManages(ctx);
  insertAssignment(ctx.store, { ...input, by: ctx.actor.id });
}
