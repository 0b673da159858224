/**
 * A running tieout for the approval routes and pages: a company whose PM side is the Procore sandbox (as a
 * live Procore configuration pointed at it, so tests see every write the sandbox received) and whose books
 * are a CSV folder that plants a `job.duplicate` finding; snapshotted, reconciled, with the rules' proposals
 * in the queue; users per role (two approvers); the app on 127.0.0.1 on an ephemeral port.
 */
import path from 'node:path';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { createApp } from '../../src/api/app.ts';
import { registerApprovalSteps } from '../../src/approvals/after-snapshot.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { addUser, assignJob, hashPassword } from '../../src/store/users.ts';
import { listen } from '../api/support.ts';
import { writeConfig, writeFolder } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { FIXTURE_PM } from './support.ts';

export const PASSWORD = 'correct horse battery staple';
export const PEOPLE = {
  viewer: 'vic@acme.test',
  pm: 'pat@acme.test',
  approver: 'ann@acme.test',
  approver2: 'ben@acme.test',
  admin: 'ada@acme.test',
} as const;
export type Who = keyof typeof PEOPLE;

export interface ServedApprovals {
  url: string;
  runtime: Runtime;
  sandbox: ProcoreSandbox;
  tokens: Record<Who, string>;
  configPath: string;
  env: NodeJS.ProcessEnv;
  api(path: string, init?: RequestInit & { as?: Who | null }): Promise<Response>;
  close(): Promise<void>;
}

/** Writes the config; the Procore secrets are read from process.env (set here) when a connector is made. */
export function approvalsCompany(root: string, sandbox: ProcoreSandbox) {
  process.env.TIEOUT_TEST_PROCORE_ID = sandbox.client.clientId;
  process.env.TIEOUT_TEST_PROCORE_SECRET = sandbox.client.clientSecret;
  const erp = writeFolder(path.join(root, 'erp'), {
    'jobs.csv':
      'job_id,number,name,status\nJ-2024-017,2024-017,Riverside Medical Office Building,open\nE-44,HES-44,Hillcrest Elementary Renovation,open\n',
  });
  const configPath = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      timezone: 'America/Chicago',
      pm: {
        type: 'procore',
        loginBaseUrl: sandbox.url,
        apiBaseUrl: sandbox.url,
        companyId: sandbox.companyId,
        clientId: 'env:TIEOUT_TEST_PROCORE_ID',
        clientSecret: 'env:TIEOUT_TEST_PROCORE_SECRET',
        tuning: { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000, maxRetries: 1 },
      },
      erp: { type: 'files', dir: erp },
    },
  ]);
  return { configPath, env: { TIEOUT_DATA_DIR: path.join(root, 'data') } as NodeJS.ProcessEnv };
}

export async function startApprovals(): Promise<ServedApprovals> {
  const root = tempDir();
  const sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
  const { configPath, env } = approvalsCompany(root, sandbox);
  registerReconciliation();
  registerApprovalSteps();
  const runtime = await openRuntime({ configPath, command: 'test', writes: true, log: silentLogger, env });
  const outcome = await runSnapshotForCompany(runtime, runtime.config.companies[0]!, 'test');
  if (!outcome.ok) throw new Error(outcome.message);
  const passwordHash = await hashPassword(PASSWORD);
  const tokens = {} as Record<Who, string>;
  for (const [who, email] of Object.entries(PEOPLE) as [Who, string][]) {
    const role = who === 'approver2' ? 'approver' : who;
    const made = addUser(runtime.store, { email, role, passwordHash, by: 'test' });
    tokens[who] = made.token;
    if (who === 'pm')
      assignJob(runtime.store, {
        userId: made.user.id,
        companyId: 'acme',
        jobNumber: '2023-044',
        by: 'test',
      });
  }
  const { server, url } = await listen(createApp({ runtime }).fetch);
  return {
    url,
    runtime,
    sandbox,
    tokens,
    configPath,
    env,
    api(p, init = {}) {
      const { as = 'approver', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('authorization', `Bearer ${tokens[as]}`);
      if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}${p}`, { ...rest, headers, redirect: 'manual' });
    },
    async close() {
      server.close();
      runtime.close();
      await sandbox.close();
    },
  };
}
