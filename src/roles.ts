/**
 * Who may do what, decided once. Every domain action a person (or tieout itself) can take is named here with
 * the roles allowed to take it; every HTTP route, page and CLI command names the action it performs. The API's
 * gate, the pages' buttons, the approval engine and the CLI all ask `can()` — nothing else decides a role.
 * test/security/roles-coverage.test.ts proves that no route of /openapi.json, no page and no CLI command is
 * left without a decision. Scoping (a user tied to one company, a pm's own jobs) is applied on top by the verbs.
 */
import { TieoutError } from '../connectors/errors.ts';
import type { Role as PersonRole } from './store/schema/users.ts';

/** A person's role, or `system`: tieout itself (rules proposing from findings, the scheduled executor). */
export type ActorRole = PersonRole | 'system';

const PEOPLE = ['viewer', 'pm', 'approver', 'admin'] as const;
const COMPANY_READERS = ['viewer', 'approver', 'admin'] as const;
const APPROVER_OR_ADMIN = ['approver', 'admin'] as const;
const ADMIN = ['admin'] as const;

interface ActionRule {
  /** `public`: anyone, signed in or not. */
  readonly who: 'public' | readonly ActorRole[];
  /** What the action is, in the words of the README's roles table. */
  readonly what: string;
}

export const ACTIONS = {
  'service.health': { who: 'public', what: 'see whether tieout is up, and its version' },
  'service.docs': { who: 'public', what: 'read the API document, its docs page and static files' },
  'session.sign_in': { who: 'public', what: 'sign in to the pages' },
  'session.sign_out': { who: PEOPLE, what: 'sign out' },
  'service.status': {
    who: PEOPLE,
    what: "see each of one's companies' last run, snapshot and next run",
  },
  'metrics.read': { who: ADMIN, what: 'scrape /metrics (or the TIEOUT_METRICS_TOKEN scraper)' },
  'me.read': { who: PEOPLE, what: 'see who one is signed in as' },
  'company.read': {
    who: PEOPLE,
    what: 'read companies, jobs, job cost and findings (a pm: only assigned jobs)',
  },
  'company.books.read': {
    who: COMPANY_READERS,
    what: 'read runs, snapshots, reports, periods, WIP overrides and the WIP page',
  },
  'snapshot.take': { who: ADMIN, what: 'start a snapshot of a company' },
  'finding.acknowledge': { who: ['pm', 'approver', 'admin'], what: 'acknowledge a finding with a note' },
  'finding.ignore': { who: APPROVER_OR_ADMIN, what: 'ignore a finding until its numbers change' },
  'period.close': { who: APPROVER_OR_ADMIN, what: 'close a WIP period' },
  'period.reopen': { who: ADMIN, what: 'reopen a closed period' },
  'wip.adjust': { who: APPROVER_OR_ADMIN, what: 'override a job on the WIP (estimate, contract, materials)' },
  'approval.read': {
    who: [...PEOPLE, 'system'],
    what: 'read proposed writes (a pm: on assigned jobs)',
  },
  'approval.review': { who: APPROVER_OR_ADMIN, what: 'open the approval queue pages' },
  'approval.propose': {
    who: ['pm', 'approver', 'admin', 'system'],
    what: 'propose a write to Procore or the books',
  },
  // An admin manages users, so letting admins approve would let one person do both.
  'approval.decide': { who: ['approver'], what: "approve or reject someone else's proposal" },
  'approval.execute': { who: ['approver', 'admin', 'system'], what: 'perform approved writes' },
  'user.manage': {
    who: ADMIN,
    what: 'add, disable and enable users, change roles, reset passwords, assign companies and jobs, revoke tokens',
  },
  'token.issue_own': { who: PEOPLE, what: 'issue an API token to oneself' },
  'outbox.read': { who: ADMIN, what: "read the alert emails of one's companies" },
  // Procore is not a person: a delivery proves itself with its company's configured Authorization header
  // (connectors/procore/webhooks.ts), never a session or a token, so no role is involved.
  'webhook.procore': {
    who: 'public',
    what: "deliver a Procore webhook event (authenticated by its company's configured header, not a session)",
  },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

/** Whether a role may take an action. Public actions are open to everyone. */
export function can(role: ActorRole | null | undefined, action: Action): boolean {
  const who = ACTIONS[action].who;
  if (who === 'public') return true;
  return role !== null && role !== undefined && (who as readonly string[]).includes(role);
}

/** Who may take an action: `public`, or the people's roles allowed (tieout itself left out). */
export function peopleFor(action: Action): 'public' | PersonRole[] {
  const who: ActionRule['who'] = ACTIONS[action].who;
  if (who === 'public') return 'public';
  return who.filter((r): r is PersonRole => r !== 'system');
}

/** The roles (people only) allowed an action, for messages. */
export function rolesFor(action: Action): string {
  const people = peopleFor(action);
  return people === 'public' ? 'anyone' : people.join(' or ');
}

export class ActionForbidden extends TieoutError {
  constructor(
    readonly action: Action,
    role: string,
    actorName?: string,
  ) {
    super(
      'forbidden',
      'forbidden',
      `${actorName ? `${actorName} (role ${role})` : `the ${role} role`} may not ${ACTIONS[action].what}; it takes the role ${rolesFor(action)} — ask an admin`,
    );
    this.name = 'ActionForbidden';
  }
}

/** The first line of every domain verb: refuse the actor unless their role may take the action. */
export function assertCan(actor: { role: ActorRole; id?: string }, action: Action): void {
  if (!can(actor.role, action)) throw new ActionForbidden(action, actor.role, actor.id);
}

/** A pm reads and proposes only on the jobs assigned to them; every other role reads a whole company. */
export function readsAssignedJobsOnly(role: ActorRole): boolean {
  return role === 'pm';
}

const C = '/api/companies/:companyId';

/** Every route of the app (API and pages) and the action it performs. A route missing here is refused. */
export const ROUTE_ACTIONS: Record<string, Action> = {
  'GET /api/health': 'service.health',
  'GET /api/status': 'service.status',
  'GET /openapi.json': 'service.docs',
  'GET /docs': 'service.docs',
  'GET /vendor/swagger-ui-dist/*': 'service.docs',
  'GET /static/*': 'service.docs',
  'GET /metrics': 'metrics.read',
  'POST /webhooks/procore': 'webhook.procore',
  'GET /api/me': 'me.read',
  'GET /api/companies': 'company.read',
  [`GET ${C}`]: 'company.read',
  [`GET ${C}/runs`]: 'company.books.read',
  [`GET ${C}/snapshots`]: 'company.books.read',
  [`POST ${C}/snapshots`]: 'snapshot.take',
  [`GET ${C}/jobs`]: 'company.read',
  [`GET ${C}/jobs/:jobNumber/job-cost`]: 'company.read',
  [`GET ${C}/jobs/:jobNumber/job-cost/columns/:column/lines`]: 'company.read',
  [`GET ${C}/findings`]: 'company.read',
  [`GET ${C}/findings/:key`]: 'company.read',
  [`POST ${C}/findings/:key/acknowledge`]: 'finding.acknowledge',
  [`POST ${C}/findings/:key/ignore`]: 'finding.ignore',
  [`GET ${C}/reports/:kind`]: 'company.books.read',
  [`GET ${C}/reports/wip/jobs/:jobNumber/columns/:column/lines`]: 'company.books.read',
  [`GET ${C}/periods`]: 'company.books.read',
  [`POST ${C}/periods/:period/close`]: 'period.close',
  [`POST ${C}/periods/:period/reopen`]: 'period.reopen',
  [`GET ${C}/periods/:period/overrides`]: 'company.books.read',
  [`POST ${C}/periods/:period/overrides`]: 'wip.adjust',
  'GET /api/approvals': 'approval.read',
  'GET /api/approvals/:approvalId': 'approval.read',
  'POST /api/approvals': 'approval.propose',
  'POST /api/approvals/:approvalId/approve': 'approval.decide',
  'POST /api/approvals/:approvalId/reject': 'approval.decide',
  'POST /api/approvals/bulk-approve': 'approval.decide',
  'POST /api/approvals/:approvalId/execute': 'approval.execute',
  'GET /api/users': 'user.manage',
  'POST /api/users': 'user.manage',
  'GET /api/users/:userId/tokens': 'user.manage',
  'POST /api/me/tokens': 'token.issue_own',
  'PATCH /api/users/:userId': 'user.manage',
  'POST /api/users/:userId/jobs': 'user.manage',
  'DELETE /api/tokens/:tokenId': 'user.manage',
  // Pages
  'GET /login': 'session.sign_in',
  'POST /login': 'session.sign_in',
  'POST /logout': 'session.sign_out',
  'GET /': 'company.read',
  'GET /companies/:companyId/jobs': 'company.read',
  'GET /companies/:companyId/jobs/:jobNumber': 'company.read',
  'GET /companies/:companyId/jobs/:jobNumber/job-cost/columns/:column/lines': 'company.read',
  'GET /companies/:companyId/findings': 'company.read',
  'GET /companies/:companyId/findings/:key': 'company.read',
  'POST /companies/:companyId/findings/:key/acknowledge': 'finding.acknowledge',
  'POST /companies/:companyId/findings/:key/ignore': 'finding.ignore',
  'GET /companies/:companyId/wip': 'company.books.read',
  'GET /companies/:companyId/wip/jobs/:jobNumber/columns/:column/lines': 'company.books.read',
  'GET /companies/:companyId/bonding': 'company.books.read',
  'POST /companies/:companyId/wip/close': 'period.close',
  'GET /approvals': 'approval.review',
  'GET /approvals/:approvalId': 'approval.review',
  'POST /approvals/bulk-approve': 'approval.decide',
  'POST /approvals/:approvalId/approve': 'approval.decide',
  'POST /approvals/:approvalId/reject': 'approval.decide',
  'POST /approvals/:approvalId/execute': 'approval.execute',
  'GET /outbox': 'outbox.read',
  'GET /outbox/:file': 'outbox.read',
};

/**
 * Every CLI command: the action it takes as a person (it then needs that person's API token in TIEOUT_TOKEN
 * and the person's role must allow the action), or `operator` with the reason it acts as the installation's
 * operator — whoever holds the data directory and config, who can read the store directly anyway — and writes
 * no person's name anywhere.
 */
export type CliDecision = { acts: Action } | { operator: string };

/**
 * People are managed from the command line by the installation's operator (the first admin is made this way):
 * the audit log names the operator's OS account, and an approver grant emails the other approvers.
 */
const PEOPLE_OPERATOR = 'the installation operator manages people; audited as cli:<OS user>';

export const CLI_COMMANDS: Record<string, CliDecision> = {
  serve: { operator: 'starts the server' },
  snapshot: { operator: 'the nightly run, also started by the scheduler' },
  'snapshots list': { operator: 'lists snapshot files of the data directory' },
  findings: { operator: 'reads the store it was given' },
  'finding acknowledge': { acts: 'finding.acknowledge' },
  'finding ignore': { acts: 'finding.ignore' },
  'approvals list': { operator: 'reads the store it was given' },
  'approvals show': { operator: 'reads the store it was given' },
  'approvals propose': { acts: 'approval.propose' },
  'approvals approve': { acts: 'approval.decide' },
  'approvals reject': { acts: 'approval.decide' },
  'approvals execute': { acts: 'approval.execute' },
  'audit verify': { operator: 'checks the chain against the key and a published head' },
  'audit head': { operator: 'prints the chain head to publish' },
  report: { operator: 'renders a report from the snapshot files' },
  'wip adjust': { acts: 'wip.adjust' },
  'close-period': { acts: 'period.close' },
  'reopen-period': { acts: 'period.reopen' },
  'sandbox procore': { operator: 'runs a local imitation of Procore' },
  'qbd qwc': {
    operator:
      "sets a configured company's QuickBooks Web Connector password and writes its .qwc file (audited)",
  },
  'qbd rehearse': { operator: 'runs a QuickBooks Web Connector imitation against a .qwc file’s URL' },
  'users add': { operator: PEOPLE_OPERATOR },
  'users list': { operator: PEOPLE_OPERATOR },
  'users token': { acts: 'token.issue_own' },
  'users revoke': { operator: PEOPLE_OPERATOR },
  'users assign': { operator: PEOPLE_OPERATOR },
  'users disable': { operator: PEOPLE_OPERATOR },
  'users enable': { operator: PEOPLE_OPERATOR },
  'users role': { operator: PEOPLE_OPERATOR },
  'users company': { operator: PEOPLE_OPERATOR },
  'users password': { operator: PEOPLE_OPERATOR },
  'demo generate': { operator: 'writes a generated demo company' },
  'profile list': { operator: 'lists the built-in export profiles' },
  'profile render': { operator: 'writes files from files; touches no store' },
  'profile check': { operator: 'reads export files; touches no store' },
};
