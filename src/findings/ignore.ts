/** Someone decided the difference is acceptable; it stays quiet until its amount changes. */
import { assertCan } from '../roles.ts';
import { FindingActionRefused, type FindingRow } from '../store/findings.ts';
import type { Verb } from '../verb.ts';
import { actOnFinding, type FindingActionInput } from './act.ts';

export function ignoreFinding({ ctx, input }: Verb<FindingActionInput>): FindingRow {
  assertCan(ctx.actor, 'finding.ignore');
  if (!input.note.trim()) throw new FindingActionRefused('give the reason for ignoring the finding');
  return actOnFinding(ctx, input, 'ignored');
}
