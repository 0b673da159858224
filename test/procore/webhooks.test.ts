/**
 * Procore's webhooks as change signals, end to end over real HTTP: the sandbox creates a hook and triggers
 * through its API, POSTs each change as Procore does (v2 payload, the hook's Authorization header, retries
 * with backoff on its virtual clock), tieout's `POST /webhooks/procore` checks the header and keeps the event,
 * and the nightly read then calls Procore only for the projects events named. Expected figures: the call
 * counts are the company-wide lists plus one project's lists, counted by hand from the endpoint table.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../connectors/clock.ts';
import { defaultTuning } from '../../connectors/procore/config.ts';
import { type ProcoreConnectorOptions, procoreConnector } from '../../connectors/procore/connector.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { inboxFor } from '../../connectors/procore/webhooks.ts';
import { createApp } from '../../src/api/app.ts';
import { silentLogger } from '../../src/log.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { listen } from '../api/support.ts';
import { companyConfig, writeConfig } from '../support/company.ts';
import { tempDir } from '../support/tmp.ts';
import { FIXTURE_PM, normalised, readAll, sandboxConnector, testContext } from './support.ts';

const SECRET = 'Bearer whk-0123456789abcdef0123456789';
const HOUR = 3_600_000;

let sandbox: ProcoreSandbox;
let runtime: Runtime;
let close: () => void;
let receiver: string;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock(Date.now());
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 }, clock });
  const root = tempDir();
  mkdirSync(path.join(root, 'erp'), { recursive: true });
  const company = {
    ...companyConfig(root),
    pm: {
      type: 'procore',
      apiBaseUrl: sandbox.url,
      loginBaseUrl: sandbox.url,
      companyId: sandbox.companyId,
      clientId: 'env:PROCORE_ID',
      clientSecret: 'env:PROCORE_SECRET',
      webhooks: { authorization: 'env:PROCORE_HOOK_AUTH' },
    },
  };
  const env = {
    TIEOUT_DATA_DIR: path.join(root, 'data'),
    PROCORE_ID: sandbox.client.clientId,
    PROCORE_SECRET: sandbox.client.clientSecret,
    PROCORE_HOOK_AUTH: SECRET,
  };
  runtime = await openRuntime({
    configPath: writeConfig(path.join(root, 'tieout.config.json'), [company]),
    command: 'test',
    writes: false,
    log: silentLogger,
    env,
  });
  const served = await listen(createApp({ runtime, env, clock }).fetch);
  receiver = `${served.url}/webhooks/procore`;
  close = () => {
    served.server.close();
    runtime.close();
  };
});
afterAll(async () => {
  close?.();
  await sandbox?.close();
});

/** Creates a company hook through the sandbox's API with the given header, and its triggers. */
async function hook(authorization: string, triggers: [string, string][], apiVersion = 'v2') {
  const token = await sandboxConnector(sandbox).tokens.accessToken();
  const call = (p: string, body: unknown) =>
    fetch(`${sandbox.url}${p}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'procore-company-id': sandbox.companyId,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  const res = await call('/rest/v1.0/webhooks/hooks', {
    company_id: Number(sandbox.companyId),
    hook: {
      api_version: apiVersion,
      namespace: 'tieout-test',
      destination_url: receiver,
      destination_headers: { Authorization: authorization },
    },
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: number; destination_headers: { Authorization: string } };
  // Procore masks the header to its last five characters when it shows the hook.
  expect(created.destination_headers.Authorization).toBe(`*****${authorization.slice(-5)}`);
  for (const [resource_name, event_type] of triggers) {
    const t = await call(`/rest/v1.0/webhooks/hooks/${created.id}/triggers`, {
      company_id: Number(sandbox.companyId),
      api_version: 'v2',
      trigger: { resource_name, event_type },
    });
    expect(t.status).toBe(201);
  }
  return created.id;
}

/** The connector as the factory builds it for a company with webhooks: the company's inbox in its data folder. */
function connector(hookId?: number) {
  const { tokens } = sandboxConnector(sandbox);
  const settings: ProcoreConnectorOptions['settings'] = {
    apiBaseUrl: sandbox.url,
    companyId: sandbox.companyId,
    projects: 'all',
    costTypes: {},
    tuning: { ...defaultTuning(), baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 2_000 },
    inbox: inboxFor(runtime.config.dataDir, 'acme'),
    hookId: hookId === undefined ? undefined : String(hookId),
  };
  return procoreConnector({ settings, tokens, location: 'test sandbox', clock });
}

const WOC = '/rest/v1.0/work_order_contracts';

describe('Procore webhooks', () => {
  it('a delivery with the configured Authorization is kept; another header gets 401 and Procore retries, then discards', async () => {
    const wrong = await hook('Bearer not-the-configured-secret', [['Work Order Contracts', 'update']]);
    const [project, contract] = firstContract();
    sandbox.data.update(
      `work_order_contracts:${project}`,
      contract,
      { title: 'x' },
      new Date(clock.now()).toISOString(),
    );
    expect(await sandbox.webhooks.deliver()).toBe(0);
    const refused = sandbox.webhooks.deliveries.filter((d) => d.hookId === wrong);
    expect(refused.map((d) => [d.status, d.outcome])).toEqual([[401, 'retried']]);
    // Backoff from 1 s doubling up to an hour; after 12 hours of failures the event is discarded.
    for (let i = 0; i < 30 && sandbox.webhooks.pending > 0; i++) {
      clock.advance(HOUR);
      await sandbox.webhooks.deliver();
    }
    const outcomes = sandbox.webhooks.deliveries.filter((d) => d.hookId === wrong).map((d) => d.outcome);
    expect(outcomes.at(-1)).toBe('discarded');
    expect(outcomes.filter((o) => o === 'retried').length).toBeGreaterThan(5);
    expect(
      inboxFor(runtime.config.dataDir, 'acme').between(new Date(0), new Date(clock.now() + HOUR)),
    ).toEqual([]);
    sandbox.webhooks.hooks.length = 0;
  });

  it('a v4.0 payload (string ids, reason, resource_type) is kept as the same event; a torn line is skipped', async () => {
    const id = await hook(SECRET, [['Direct Costs', 'update']], 'v4.0');
    const [project, cost] = firstOf('direct_costs');
    clock.advance(1_000);
    const from = new Date(clock.now());
    sandbox.data.update(`direct_costs:${project}`, cost, { description: 'v4' }, from.toISOString());
    expect(await sandbox.webhooks.deliver()).toBe(1);
    const inbox = inboxFor(runtime.config.dataDir, 'acme');
    const kept = inbox.between(from, new Date(clock.now() + 1));
    expect(kept).toMatchObject([
      {
        companyId: sandbox.companyId,
        projectId: project,
        resource: 'Direct Costs',
        resourceId: cost,
        type: 'update',
      },
    ]);
    expect(kept[0]!.key).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    // A crash mid-append leaves a cut line: that delivery was never answered 2xx, so Procore sends it again.
    const file = path.join(inbox.dir, `${new Date(clock.now()).toISOString().slice(0, 7)}.jsonl`);
    appendFileSync(file, '{"key":"cut-sh');
    expect(inbox.between(from, new Date(clock.now() + 1))).toHaveLength(1);
    appendFileSync(file, '\n');
    sandbox.webhooks.hooks.splice(
      sandbox.webhooks.hooks.findIndex((h) => h.id === id),
      1,
    );
  });

  it('a body that is not a Procore event is refused naming the field', async () => {
    const res = await fetch(receiver, {
      method: 'POST',
      headers: { authorization: SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, timestamp: '2026-01-01T00:00:00Z', company_id: sandbox.companyId }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'field event_type',
    );
  });

  it('the nightly read calls Procore only for projects events named, duplicates and disorder notwithstanding', async () => {
    await hook(SECRET, [
      ['Work Order Contracts', 'update'],
      ['Requisitions', 'delete'],
    ]);
    const c = connector();
    clock.advance(HOUR); // past the earlier tests' events and the runs' 5-minute overlap
    // Run 1: webhooks just configured; the state had none, so it polls (and records every project).
    const first = testContext(null, new Date(clock.now()));
    const full = await readAll(c, first);
    // Run 2: nothing happened, so no project is read: only the company-wide lists are called.
    clock.advance(HOUR);
    const quiet = testContext(first.saved.at(-1), new Date(clock.now()));
    sandbox.requests.length = 0;
    const same = await readAll(c, quiet);
    expect(sandbox.requests.map((r) => r.split('?')[0])).toEqual([
      '/rest/v1.1/projects',
      '/rest/v1.0/vendors',
      `/rest/v1.0/companies/${sandbox.companyId}/vendors/inactive`,
      '/rest/v1.0/line_item_types',
      '/rest/v1.0/standard_cost_code_lists',
      '/rest/v1.0/standard_cost_codes',
    ]);
    for (const t of Object.keys(full.rows) as (keyof typeof full.rows)[])
      expect(normalised(same.rows[t]), t).toEqual(normalised(full.rows[t]));

    // An edit on one project, delivered twice and out of order.
    const [project, contract] = firstContract();
    clock.advance(60_000);
    const at = new Date(clock.now()).toISOString();
    sandbox.data.update(`work_order_contracts:${project}`, contract, { title: 'Renamed by the PM' }, at);
    sandbox.data.update(`work_order_contracts:${project}`, contract, { number: 'SC-RENAMED' }, at);
    sandbox.webhooks.behaviour.duplicate = true;
    sandbox.webhooks.behaviour.newestFirst = true;
    expect(await sandbox.webhooks.deliver()).toBe(2);
    clock.advance(HOUR);
    const edited = testContext(quiet.saved.at(-1), new Date(clock.now()));
    sandbox.requests.length = 0;
    const after = await readAll(c, edited);
    expect(edited.stats.procore_webhook_events).toBe(2);
    const projectsRead = new Set(
      sandbox.requests
        .map((r) => /project_id=(\d+)|\/projects\/(\d+)/.exec(r))
        .filter(Boolean)
        .map((m) => m![1] ?? m![2]),
    );
    expect([...projectsRead]).toEqual([project]);
    // The project itself is read as changes since the last run, not in full.
    expect(sandbox.requests.some((r) => r.startsWith(`${WOC}?`) && r.includes('filters[updated_at]'))).toBe(
      true,
    );
    expect(after.rows.commitments?.find((r) => r.commitment_id === contract)?.number).toBe('SC-RENAMED');
    expect(after.rows.commitments?.length).toBe(full.rows.commitments?.length);

    // A deleted requisition: its project is read in full, so the payable leaves the snapshot.
    const [reqProject, requisition] = firstOf('requisitions');
    clock.advance(60_000);
    sandbox.data.remove(`requisitions:${reqProject}`, requisition, new Date(clock.now()).toISOString());
    sandbox.webhooks.behaviour.duplicate = false;
    sandbox.webhooks.behaviour.newestFirst = false;
    expect(await sandbox.webhooks.deliver()).toBe(1);
    clock.advance(HOUR);
    const deleted = testContext(edited.saved.at(-1), new Date(clock.now()));
    const gone = await readAll(c, deleted);
    expect(gone.rows.payables?.some((p) => p.invoice_id === requisition)).toBe(false);
    expect(gone.rows.payables?.length).toBe((after.rows.payables?.length ?? 0) - 1);
  });
});

describe('a delivery Procore discarded', () => {
  it('makes the next run poll every project, since the inbox cannot say which project it named', async () => {
    clock.advance(HOUR);
    sandbox.webhooks.hooks.length = 0;
    const good = await hook(SECRET, [['Requisitions', 'update']]);
    const c = connector(good);
    const first = testContext(null, new Date(clock.now()));
    await readAll(c, first);
    clock.advance(HOUR);
    const quiet = testContext(first.saved.at(-1), new Date(clock.now()));
    await readAll(c, quiet);
    expect(quiet.stats.procore_webhook_discards).toBe(0);
    // Three projects: the two active ones (no event) and the archived one are replayed.
    expect(quiet.stats.procore_projects_replayed).toBe(3);

    // tieout's endpoint refuses for 12 hours (the secret was rotated on one side only): Procore discards.
    const hookRecord = sandbox.webhooks.hooks.find((h) => h.id === good)!;
    hookRecord.destinationHeaders.Authorization = 'Bearer rotated-on-one-side';
    const [project, requisition] = firstOf('requisitions');
    clock.advance(60_000);
    sandbox.data.update(
      `requisitions:${project}`,
      requisition,
      { invoice_number: 'R-9' },
      new Date(clock.now()).toISOString(),
    );
    for (let i = 0; i < 30 && sandbox.webhooks.pending > 0; i++) {
      clock.advance(HOUR);
      await sandbox.webhooks.deliver();
    }
    expect(sandbox.webhooks.deliveries.at(-1)?.outcome).toBe('discarded');
    const next = testContext(quiet.saved.at(-1), new Date(clock.now()));
    sandbox.requests.length = 0;
    await readAll(c, next);
    expect(next.stats.procore_webhook_discards).toBe(1);
    // Only the archived project is replayed, as in any polling run.
    expect(next.stats.procore_projects_replayed).toBe(1);
    expect(sandbox.requests).toContain(
      `/rest/v1.0/webhooks/hooks/${good}/deliveries?company_id=${sandbox.companyId}&filters[status]=discarded&page_size=1000`,
    );
  });
});

function firstOf(collection: string): [string, string] {
  for (const [key, list] of sandbox.data.collections) {
    if (!key.startsWith(`${collection}:`)) continue;
    const rec = list.find((r) => !r.deletedAt);
    if (rec) return [key.split(':')[1]!, rec.id];
  }
  throw new Error(`the fixture has no ${collection}`);
}

function firstContract(): [string, string] {
  return firstOf('work_order_contracts');
}
