import { isPeriod } from '../../reports/shared/period.ts';
import { WipStoreError } from '../store/wip.ts';

/** A period as the verbs take it (YYYY-MM), or a clear refusal. */
export function checkedPeriod(period: string): string {
  if (!isPeriod(period)) {
    throw new WipStoreError('invalid_override', `"${period}" is not a period; write YYYY-MM, e.g. 2026-10`);
  }
  return period;
}
