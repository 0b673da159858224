/** Helpers for the approval tests: a real SQLite store in a temp folder, actors, the Procore sandbox's writer. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryTokenStore, TokenProvider } from '../../connectors/procore/auth.ts';
import { defaultTuning } from '../../connectors/procore/config.ts';
import type { ProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { ProcoreWriter } from '../../connectors/procore/writer.ts';
import type { Actor, ApprovalCtx } from '../../src/approvals/actor.ts';
import type { ProposalWriter } from '../../src/approvals/executor.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { upsertCompany } from '../../src/store/runs.ts';

export const FIXTURE_PM = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'procore',
  'fixtures',
  'pm',
);

export const PM_PAT: Actor = { id: 'pat.pm', role: 'pm', email: 'pat@example.com' };
export const ANN_APPROVER: Actor = { id: 'ann.approver', role: 'approver', email: 'ann@example.com' };
export const BEN_APPROVER: Actor = { id: 'ben.approver', role: 'approver', email: 'ben@example.com' };
export const ADA_ADMIN: Actor = { id: 'ada.admin', role: 'admin', email: 'ada@example.com' };
export const VIC_VIEWER: Actor = { id: 'vic.viewer', role: 'viewer', email: 'vic@example.com' };

export function testStore(dir: string | ':memory:' = ':memory:'): Store {
  const store = openStore(dir);
  upsertCompany(store.db, { id: 'acme', name: 'Acme Builders', timezone: 'America/Chicago' });
  return store;
}

export function as(actor: Actor, store: Store): ApprovalCtx {
  return { actor, store };
}

export function sandboxWriter(sandbox: {
  url: string;
  companyId: string;
  client: ProcoreSandbox['client'];
}): ProposalWriter {
  const tokens = new TokenProvider({
    loginBaseUrl: sandbox.url,
    clientId: sandbox.client.clientId,
    clientSecret: sandbox.client.clientSecret,
    grant: 'client_credentials',
    store: memoryTokenStore(),
  });
  const writer = new ProcoreWriter({
    apiBaseUrl: sandbox.url,
    companyId: sandbox.companyId,
    tokens,
    tuning: { ...defaultTuning(), baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 3_000 },
  });
  return { write: (req, ctx) => writer.write(req, ctx) };
}

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A direct-cost proposal input for the first project of the sandbox, on its first cost code. */
export function directCostInput(sandbox: ProcoreSandbox, amount = '1250.00') {
  const project = sandbox.data.list('projects')[0]!;
  const code = sandbox.data.list(`cost_codes:${project.id}`)[0]!;
  const type = sandbox.data.list('line_item_types')[0]!;
  return {
    companyId: 'acme',
    operation: 'procore.direct_cost.create',
    payload: {
      projectId: project.id,
      direct_cost: {
        direct_cost_type: 'expense',
        direct_cost_date: '2026-10-31',
        description: 'ERP job cost sync, October 2026',
        line_items: [
          { cost_code_id: code.id, line_item_type_id: type.id, amount },
          { cost_code_id: code.id, line_item_type_id: type.id, amount: '10.01' },
        ],
      },
    },
    diff: [{ field: `job cost ${String(code.body.code)}`, before: '0.00', after: amount }],
    summary: `Push ERP job cost ${amount} to Procore project ${project.id}`,
  };
}

export function linkInput(sandbox: ProcoreSandbox, originId = 'J-9001') {
  const project = sandbox.data.list('projects')[0]!;
  return {
    companyId: 'acme',
    operation: 'procore.link',
    payload: { resource: 'projects', id: project.id, origin_id: originId, origin_code: '9001' },
    diff: [{ field: 'project.origin_id', before: String(project.body.origin_id ?? ''), after: originId }],
    summary: `Link project ${project.id} to ERP job ${originId}`,
    findingKey: `job.duplicate:${project.id}|${originId}`,
  };
}
