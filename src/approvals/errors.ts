/** Approval errors are values with a code (mapped once to an HTTP status by the API) and a next step. */
import { ACTIONS, type Action, type ActorRole, can, rolesFor } from '../roles.ts';

export type ApprovalErrorCode =
  | 'forbidden'
  | 'proposal_not_found'
  | 'same_person'
  | 'not_pending'
  | 'not_approved'
  | 'invalid_proposal'
  | 'note_required'
  | 'no_writer'
  | 'unknown_user'
  | 'user_disabled'
  | 'wrong_company'
  | 'not_your_job';

export const APPROVAL_ERROR_STATUS: Record<ApprovalErrorCode, number> = {
  forbidden: 403,
  proposal_not_found: 404,
  same_person: 403,
  not_pending: 409,
  not_approved: 409,
  invalid_proposal: 400,
  note_required: 400,
  no_writer: 409,
  unknown_user: 404,
  user_disabled: 403,
  wrong_company: 403,
  not_your_job: 403,
};

export class ApprovalError extends Error {
  constructor(
    readonly code: ApprovalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApprovalError';
  }
}

/** The first line of every approval verb: the roles file decides (src/roles.ts). */
export function requireRole(actor: { id: string; role: ActorRole }, action: Action): void {
  if (!can(actor.role, action)) {
    throw new ApprovalError(
      'forbidden',
      `${actor.id} (role ${actor.role}) may not ${ACTIONS[action].what}; it takes the role ${rolesFor(action)}`,
    );
  }
}
