/**
 * Who acts on the approval queue. Users and tokens live in the users store; the approval engine needs only
 * the actor's id, role and email. `system` is tieout itself (rules proposing from findings, the scheduled
 * executor): it may propose and execute, never decide.
 */
import type { ActorRole } from '../roles.ts';

export const ROLES = ['viewer', 'pm', 'approver', 'admin', 'system'] as const satisfies readonly ActorRole[];
export type Role = ActorRole;

export interface Actor {
  id: string;
  role: Role;
  email?: string | null;
  /** The credential the person acted with (`token:<id>`, `session:<id>`), recorded in the audit log. */
  credential?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'tieout', role: 'system' };

/** Context every approval verb is called with: the caller, and the store it acts on (as every verb, src/verb.ts). */
export type ApprovalCtx = import('../verb.ts').VerbCtx;
