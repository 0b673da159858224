/** Approval errors are values with a code (mapped once to an HTTP status by the API) and a next step. */
import { type ErrorKind, TieoutError } from '../../connectors/errors.ts';
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

/** The kind of each approval error (connectors/errors.ts maps a kind to an HTTP status and an exit code). */
const APPROVAL_ERROR_KIND: Record<ApprovalErrorCode, ErrorKind> = {
  forbidden: 'forbidden',
  proposal_not_found: 'not_found',
  same_person: 'forbidden',
  not_pending: 'conflict',
  not_approved: 'conflict',
  invalid_proposal: 'bad_request',
  note_required: 'bad_request',
  no_writer: 'conflict',
  unknown_user: 'not_found',
  user_disabled: 'forbidden',
  wrong_company: 'forbidden',
  not_your_job: 'forbidden',
};

export class ApprovalError extends TieoutError {
  constructor(
    override readonly code: ApprovalErrorCode,
    message: string,
  ) {
    super(APPROVAL_ERROR_KIND[code], code, message);
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
