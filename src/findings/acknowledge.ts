/** Someone has seen the finding and is on it (pm on their own jobs, approver, admin). */

import { assertCan } from '../roles.ts';
import type { FindingRow } from '../store/findings.ts';
import type { Verb } from '../verb.ts';
import { actOnFinding, type FindingActionInput } from './act.ts';

export function acknowledgeFinding({ ctx, input }: Verb<FindingActionInput>): FindingRow {
  assertCan(ctx.actor, 'finding.acknowledge');
  return actOnFinding(ctx, input, 'acknowledged');
}
