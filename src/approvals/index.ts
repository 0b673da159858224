// Approval-gated writes: propose → decide → execute, every step in the audit chain.
export { type Actor, type ApprovalCtx, ROLES, type Role, SYSTEM_ACTOR } from './actor.ts';
export { registerApprovalSteps } from './after-snapshot.ts';
export { bulkApprove, decide } from './decide.ts';
export { ApprovalError } from './errors.ts';
export { type ExecutorDeps, executeApproved, type ProposalWriter } from './executor.ts';
export { WRITE_OPERATIONS } from './operations.ts';
export { proposeWrite } from './propose.ts';
export { proposeFromFindings } from './rules.ts';
export { markStaleProposals } from './stale.ts';
export { connectorWriters } from './writers.ts';
