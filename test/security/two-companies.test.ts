/**
 * One installation, two companies. Every user of company A — every role — asks for every company-B resource
 * the app has, over real HTTP: every operation of /openapi.json (its path filled with B's real ids: B's
 * company, a B job, a B finding, a B proposal, B's period) and every page and the outbox. Each answer is a
 * 403 or 404; and every list A can read (companies, approvals, status, outbox, pages) leaves B out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { SYSTEM_ACTOR } from '../../src/approvals/actor.ts';
import { proposeWrite } from '../../src/approvals/propose.ts';
import { silentLogger } from '../../src/log.ts';
import { registerReconciliation } from '../../src/recon/after-snapshot.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { runSnapshotForCompany } from '../../src/snapshot/run.ts';
import { insertAlertMessage } from '../../src/store/alerts.ts';
import { listFindings } from '../../src/store/findings.ts';
import { addUser, type Role } from '../../src/store/users.ts';
import { listen } from '../api/support.ts';
import { writeCsvCompany } from '../reports/support/csv-company.ts';
import { sampleJobs } from '../reports/support/sample-company.ts';
import { tempDir } from '../support/tmp.ts';

const ROLES: Role[] = ['viewer', 'pm', 'approver', 'admin'];
const AS_OF = '2026-10-31';

let runtime: Runtime;
let url: string;
let close: () => void;
const tokens: Record<string, string> = {};
const B = {
  company: 'bravo',
  job: '',
  finding: '',
  proposal: '',
  email: 'bravo-digest-7f3a',
};

beforeAll(async () => {
  const root = tempDir();
  const jobs = sampleJobs(3, AS_OF);
  jobs[0]!.costs = [...(jobs[0]!.costs ?? []), { date: '2026-10-15', amount: '999.00', status: 'posted' }];
  const { config, env } = writeCsvCompany(root, jobs, { estimateSource: 'pm' });
  // The same books under a second company id: B's ids are real, and only the company tells them apart.
  const doc = JSON.parse(readFileSync(config, 'utf8'));
  doc.companies.push({ ...doc.companies[0], id: 'bravo', name: 'Bravo Builders' });
  writeFileSync(config, JSON.stringify(doc));
  registerReconciliation();
  runtime = await openRuntime({ configPath: config, command: 'test', writes: true, log: silentLogger, env });
  for (const company of runtime.config.companies) {
    const outcome = await runSnapshotForCompany(runtime, company, 'test');
    if (!outcome.ok) throw new Error(outcome.message);
  }
  for (const company of ['acme', 'bravo'])
    for (const role of ROLES) {
      const made = addUser(runtime.store, {
        email: `${role}@${company}.test`,
        role,
        companyId: company,
        by: 'test',
      });
      tokens[`${company}/${role}`] = made.token;
    }
  B.job = jobs[0]!.number;
  const found = listFindings(runtime.store.db, { companyId: 'bravo', statuses: ['open'] });
  expect(found.length).toBeGreaterThan(0);
  B.finding = found[0]!.finding.key;
  B.proposal = proposeWrite({
    ctx: { actor: SYSTEM_ACTOR, store: runtime.store },
    input: {
      companyId: 'bravo',
      operation: 'procore.cost_code.create',
      payload: { projectId: '1', full_code: '03-300', name: 'Concrete' },
      diff: [{ field: 'cost code', before: null, after: '03-300' }],
      summary: 'add 03-300',
    },
  }).proposal.id;
  insertAlertMessage(runtime.store.db, {
    id: B.email,
    companyId: 'bravo',
    kind: 'digest',
    recipient: 'controller@bravo.test',
    subject: 'Bravo digest',
    text: 'x',
    html: 'x',
    createdAt: '2026-11-01T07:00:00.000Z',
    status: 'written',
    file: 'bravo/outbox/x.eml',
  });
  const served = await listen(createApp({ runtime }).fetch);
  url = served.url;
  close = () => {
    served.server.close();
    runtime.close();
  };
}, 240_000);
afterAll(() => close?.());

const as = (who: string, p: string, init: RequestInit = {}) =>
  fetch(`${url}${p}`, {
    ...init,
    redirect: 'manual',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
  });

/** A route pattern with B's real ids in it. */
function withBIds(pattern: string): string {
  const ids: Record<string, string> = {
    companyId: B.company,
    jobNumber: B.job,
    key: B.finding,
    approvalId: B.proposal,
    period: '2026-10',
    kind: 'wip',
    file: `${B.email}.eml`,
  };
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? 'x'));
}

/** Routes that name a company-B resource: a company id, or a B proposal or email by id. */
function namesB(pattern: string): boolean {
  return /:(companyId|approvalId|file)\b/.test(pattern);
}

describe('a user of company A and company B’s resources', () => {
  it('every OpenAPI operation on a B resource answers 403 or 404, for every role of A', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => ({ method: m.toUpperCase(), pattern: p.replace(/\{([^}]+)\}/g, ':$1') })),
    );
    const onB = ops.filter((o) => namesB(o.pattern));
    expect(onB.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const role of ROLES)
      for (const op of onB) {
        const body =
          op.method === 'GET' ? undefined : JSON.stringify({ note: 'n', reason: 'r', ids: [B.proposal] });
        const res = await as(`acme/${role}`, withBIds(op.pattern), { method: op.method, body });
        const text = await res.text();
        if (![403, 404].includes(res.status))
          leaks.push(`${role} ${op.method} ${op.pattern}: ${res.status} ${text.slice(0, 120)}`);
      }
    expect(leaks).toEqual([]);
  }, 240_000);

  it('the same operations answer B’s own users (the ids are real), so the refusals above are about the company', async () => {
    const ok = await as('bravo/admin', withBIds('/api/companies/:companyId/findings/:key'));
    expect(ok.status).toBe(200);
    const proposal = await as('bravo/approver', withBIds('/api/approvals/:approvalId'));
    expect(proposal.status).toBe(200);
    const mail = await as('acme/admin', withBIds('/outbox/:file'));
    expect(mail.status).toBe(404);
  });

  it('every page and outbox route on a B resource answers 403 or 404, for every role of A', async () => {
    const app = createApp({ runtime });
    const pages = [
      ...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ].filter((k) => !k.includes(' /api/') && namesB(k));
    expect(pages.length).toBeGreaterThan(8);
    const leaks: string[] = [];
    for (const role of ROLES)
      for (const key of pages) {
        const [method, pattern] = key.split(' ') as [string, string];
        const res = await as(`acme/${role}`, withBIds(pattern), {
          method,
          body: method === 'GET' ? undefined : '{}',
        });
        if (![403, 404].includes(res.status)) leaks.push(`${role} ${key}: ${res.status}`);
      }
    expect(leaks).toEqual([]);
  }, 240_000);

  it('no list A can read mentions B: companies, approvals, status, outbox, the overview and the approval queue', async () => {
    const leaks: string[] = [];
    for (const role of ROLES)
      for (const p of [
        '/api/companies',
        '/api/approvals?status=pending',
        '/api/status',
        '/api/me',
        '/outbox',
        '/',
        '/approvals',
      ]) {
        const res = await as(`acme/${role}`, p);
        const text = await res.text();
        for (const secret of [B.proposal, B.email, 'Bravo Builders', '"bravo"'])
          if (text.includes(secret)) leaks.push(`${role} ${p} shows ${secret}`);
      }
    expect(leaks).toEqual([]);
    // and B's approver does see B's proposal in the same list (the probe can find it)
    const own = await (await as('bravo/approver', '/api/approvals?status=pending')).text();
    expect(own).toContain(B.proposal);
  });
});
