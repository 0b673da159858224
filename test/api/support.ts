/**
 * A running tieout for route tests: a company written as canonical CSV folders, snapshotted and reconciled
 * into a real DuckDB file and a real SQLite store, one user per role, and the app listening on 127.0.0.1
 * on an ephemeral port.
 */
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../src/api/app.ts';
import { createLimits } from '../../src/api/limits.ts';
import { serverSettings } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { addUser, assignJob, hashPassword, type Role } from '../../src/store/users.ts';
import { writeCsvCompany } from '../reports/support/csv-company.ts';
import { sampleJobs } from '../reports/support/sample-company.ts';
import type { GoldenJob } from '../reports/support/wip-job.ts';
import type { SideRows } from '../support/fixture-snapshot.ts';
import { tempDir } from '../support/tmp.ts';

export const AS_OF = '2026-10-31';
export const PASSWORD = 'correct horse battery staple';

export interface Served {
  url: string;
  runtime: Runtime;
  tokens: Record<Role, string>;
  userIds: Record<Role, string>;
  /** The job assigned to the pm user. */
  pmJob: string;
  otherJob: string;
  api(path: string, init?: RequestInit & { as?: Role | null }): Promise<Response>;
  close(): void;
}

export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

export async function startTieout(
  extraEnv: Record<string, string> = {},
  books: { jobs?: GoldenJob[]; extraErp?: SideRows; pmJobId?: (jobNumber: string) => string } = {},
): Promise<Served> {
  const root = tempDir();
  const jobs = books.jobs ?? sampleJobs(6, AS_OF);
  // A posted cost the PM side does not know about plants a job cost finding on the first job.
  if (!books.jobs)
    jobs[0]!.costs = [
      ...(jobs[0]!.costs ?? []),
      { date: '2026-10-15', amount: '12345.67', status: 'posted' },
    ];
  const { config, env } = writeCsvCompany(
    root,
    jobs,
    { estimateSource: 'pm' },
    books.extraErp,
    books.pmJobId,
  );
  registerReconciliation();
  const runtime = await openRuntime({
    configPath: config,
    command: 'test',
    writes: true,
    log: silentLogger,
    env: { ...env, ...extraEnv },
  });
  const company = runtime.config.companies[0]!;
  const outcome = await runSnapshotForCompany(runtime, company, 'test');
  if (!outcome.ok) throw new Error(outcome.message);
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of ['viewer', 'pm', 'approver', 'admin'] as const) {
    const made = addUser(runtime.store, { email: `${role}@acme.test`, role, passwordHash, by: 'test' });
    tokens[role] = made.token;
    userIds[role] = made.user.id;
  }
  const pmJob = jobs[0]!.number;
  const otherJob = jobs[1]!.number;
  assignJob(runtime.store, { userId: userIds.pm, companyId: company.id, jobNumber: pmJob, by: 'test' });
  // Route tests make hundreds of calls a second with one token: the per-credential request limit is raised
  // here (test/security/limits.test.ts checks the limit itself on a virtual clock).
  const limits = createLimits({ ...serverSettings(runtime.config), requestsPerMinute: 1_000_000 });
  const { server, url } = await listen(createApp({ runtime, limits }).fetch);
  return {
    url,
    runtime,
    tokens,
    userIds,
    pmJob,
    otherJob,
    api(path, init = {}) {
      const { as = 'admin', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('authorization', `Bearer ${tokens[as]}`);
      if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...rest, headers, redirect: 'manual' });
    },
    close() {
      server.close();
      runtime.close();
    },
  };
}

/**
 * Signs in through the page as a browser does: GET /login (which sets the form's CSRF cookie and writes the
 * token into the form), then POST the form with both. Returns the POST's response and its session cookie.
 */
export async function signIn(
  url: string,
  fields: { email?: string; password?: string; token?: string; next?: string },
  headers: Record<string, string> = {},
): Promise<{ res: Response; session: string }> {
  const form = await fetch(`${url}/login`, { headers });
  const csrfCookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { ...headers, cookie: csrfCookie },
    body: new URLSearchParams({ ...fields, _csrf: csrf } as Record<string, string>),
    redirect: 'manual',
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('tieout_session=') && c !== 'tieout_session=');
  return { res, session: session ?? '' };
}
