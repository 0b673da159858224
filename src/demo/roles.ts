/**
 * Which job plays which part. The first 40 jobs carry one planted case each (or a tolerated difference, or
 * nothing at all); jobs beyond 40 are clean. The order is fixed so the truth file is stable; names, numbers,
 * sizes and dates still come from the seed.
 */
import type { JobPhase } from './facts.ts';
import type { PlantId } from './plants/index.ts';

export type JobRole =
  | { kind: 'clean'; phase: JobPhase; note?: 'largest' | 'smallest' | 'job-map' }
  | { kind: 'plant'; plant: PlantId; phase: JobPhase }
  | { kind: 'not-finding'; plant: PlantId; phase: JobPhase };

const PLANTED_ROLES: readonly JobRole[] = [
  { kind: 'clean', phase: 'midway', note: 'largest' },
  { kind: 'plant', plant: 'job-created-in-procore-only', phase: 'signed' },
  { kind: 'plant', plant: 'job-created-in-both', phase: 'signed' },
  { kind: 'clean', phase: 'completed', note: 'smallest' },
  { kind: 'plant', plant: 'erp-only-cost-code', phase: 'midway' },
  { kind: 'plant', plant: 'vendor-without-erp-id', phase: 'midway' },
  { kind: 'clean', phase: 'early' },
  { kind: 'plant', plant: 'budget-keyed-short', phase: 'early' },
  { kind: 'plant', plant: 'co-never-exported', phase: 'midway' },
  { kind: 'plant', plant: 'co-amount-transposed', phase: 'late' },
  { kind: 'clean', phase: 'closed' },
  { kind: 'plant', plant: 'budget-locked-after-export', phase: 'midway' },
  { kind: 'plant', plant: 'subcontract-export-failed', phase: 'early' },
  { kind: 'plant', plant: 'subcontract-keyed-wrong', phase: 'midway' },
  { kind: 'clean', phase: 'midway', note: 'job-map' },
  { kind: 'plant', plant: 'invoice-never-posted', phase: 'midway' },
  { kind: 'plant', plant: 'invoice-keyed-wrong', phase: 'late' },
  { kind: 'plant', plant: 'invoice-entered-twice', phase: 'midway' },
  { kind: 'clean', phase: 'completed' },
  { kind: 'plant', plant: 'retainage-five-on-ten', phase: 'late' },
  { kind: 'plant', plant: 'reversal-not-synced', phase: 'midway' },
  { kind: 'plant', plant: 'queue-without-approver', phase: 'early' },
  { kind: 'clean', phase: 'signed' },
  { kind: 'plant', plant: 'queue-stale', phase: 'midway' },
  { kind: 'plant', plant: 'steel-escalation', phase: 'midway' },
  { kind: 'plant', plant: 'labor-productivity', phase: 'early' },
  { kind: 'clean', phase: 'late' },
  { kind: 'plant', plant: 'loss-job', phase: 'late' },
  { kind: 'plant', plant: 'cost-above-estimate', phase: 'late' },
  { kind: 'not-finding', plant: 'within-tolerance', phase: 'midway' },
  { kind: 'not-finding', plant: 'co-edits-merged', phase: 'midway' },
  { kind: 'clean', phase: 'completed' },
  { kind: 'clean', phase: 'early' },
  { kind: 'clean', phase: 'midway' },
  { kind: 'clean', phase: 'closed' },
  { kind: 'clean', phase: 'signed' },
  { kind: 'clean', phase: 'late' },
  { kind: 'clean', phase: 'completed' },
  { kind: 'clean', phase: 'midway' },
  { kind: 'clean', phase: 'early' },
];

const EXTRA_PHASES: readonly JobPhase[] = [
  'midway',
  'early',
  'late',
  'completed',
  'midway',
  'closed',
  'signed',
];

export const PLANTED_JOB_COUNT = PLANTED_ROLES.length;

export function roleOf(index: number, plant: boolean): JobRole {
  if (plant && index < PLANTED_ROLES.length) return PLANTED_ROLES[index]!;
  return { kind: 'clean', phase: EXTRA_PHASES[index % EXTRA_PHASES.length]! };
}
