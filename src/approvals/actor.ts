/**
 * Who acts on the approval queue. Users and tokens live in the users store; the approval engine needs only
 * the actor's id, role and email. `system` is tieout itself (rules proposing from findings, the scheduled
 * executor): it may propose and execute, never decide.
 */
export const ROLES = ['viewer', 'pm', 'approver', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
  email?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'tieout', role: 'system' };

/** Context every approval verb is called with: the caller, and the store it acts on. */
export interface ApprovalCtx {
  actor: Actor;
  store: import('../store/db.ts').Store;
  now?: () => Date;
}

export const CAN_PROPOSE: readonly Role[] = ['pm', 'approver', 'admin', 'system'];
/** Only an approver decides: an admin manages users, so letting admins approve would let one person do both. */
export const CAN_DECIDE: readonly Role[] = ['approver'];
export const CAN_EXECUTE: readonly Role[] = ['approver', 'admin', 'system'];
export const CAN_READ: readonly Role[] = ['viewer', 'pm', 'approver', 'admin', 'system'];
