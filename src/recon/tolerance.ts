/**
 * The tolerance a check applies for a company: its own entry in settings.tolerances, else the check's own
 * default (fade.period: 10 %), else the company's default.
 */
import type { CompanySettings } from '../config/schema.ts';
import { type CheckId, checkSpec } from './catalogue.ts';
import type { AppliedTolerance } from './types.ts';

export const DEFAULT_TOLERANCE: AppliedTolerance = { absolute: '1.00', relative: '0' };

export function toleranceFor(
  settings: Pick<CompanySettings, 'tolerances' | 'defaultTolerance'>,
  check: CheckId,
) {
  const chosen =
    settings.tolerances?.[check] ??
    checkSpec(check).defaultTolerance ??
    settings.defaultTolerance ??
    DEFAULT_TOLERANCE;
  return { absolute: chosen.absolute, relative: chosen.relative };
}
