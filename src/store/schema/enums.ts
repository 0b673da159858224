/**
 * The fixed value lists of the store's columns, apart from the drizzle tables so the command line can name
 * them in its help without loading the store.
 */

export const PROPOSAL_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'stale',
  'executing',
  'executed',
  'failed',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved', 'ignored'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ROLES = ['viewer', 'pm', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];
