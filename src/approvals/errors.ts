/** Approval errors are values with a code (mapped once to an HTTP status by the API) and a next step. */
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

export function requireRole(
  actor: { id: string; role: string },
  allowed: readonly string[],
  doing: string,
): void {
  if (!allowed.includes(actor.role)) {
    throw new ApprovalError(
      'forbidden',
      `${actor.id} (role ${actor.role}) may not ${doing}; it takes the role ${allowed.filter((r) => r !== 'system').join(' or ')}`,
    );
  }
}
