/** Approved writes through the connector's one writer: linking by origin_id, adding cost codes; the sync actions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteRequest } from '../../connectors/contract.ts';
import { type ProcoreSandbox, startProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';
import { FIXTURE_PM, readAll, sandboxConnector, testContext } from './support.ts';

let sandbox: ProcoreSandbox;
beforeAll(async () => {
  sandbox = await startProcoreSandbox({ dataset: FIXTURE_PM, rateLimits: { spike: 100_000 } });
});
afterAll(() => sandbox.close());

const ctx = {
  signal: new AbortController().signal,
  log: { info: () => {}, warn: () => {}, error: () => {} },
};
const request = (operation: string, payload: unknown): WriteRequest => ({
  proposalId: 'p1',
  idempotencyKey: 'k1',
  operation,
  payload,
});

describe('linking records in Procore', () => {
  it('sets the vendor origin_id once; the retry finds it done; the next read sees the link', async () => {
    const { connector } = sandboxConnector(sandbox);
    const first = await connector.write!(
      request('procore.link', { resource: 'vendors', id: '7001003', origin_id: 'VALDRY' }),
      ctx,
    );
    expect(first).toEqual({ status: 'applied', targetIds: ['7001003'] });
    const again = await connector.write!(
      request('procore.link', { resource: 'vendors', id: '7001003', origin_id: 'VALDRY' }),
      ctx,
    );
    expect(again.status).toBe('already_applied');
    expect(sandbox.requests.filter((r) => r.startsWith('/rest/v1.0/vendors/sync'))).toHaveLength(1);
    const read = await readAll(connector, testContext());
    expect(read.rows.vendors!.find((v) => v.vendor_id === '7001003')!.linked_id).toBe('VALDRY');
  });

  it('links a project to its ERP job', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(
      request('procore.link', { resource: 'projects', id: '562949953421314', origin_id: 'J-2022-009' }),
      ctx,
    );
    expect(r.status).toBe('applied');
    expect(sandbox.data.find('projects', '562949953421314')!.body.origin_id).toBe('J-2022-009');
  });

  it('an origin id another vendor already carries is refused, not applied twice', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(
      request('procore.link', { resource: 'vendors', id: '7001002', origin_id: 'ABCCON' }),
      ctx,
    );
    expect(r).toMatchObject({
      status: 'failed',
      transient: false,
      error: expect.stringContaining('already been taken'),
    });
  });

  it('a vendor that does not exist fails without retrying', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(
      request('procore.link', { resource: 'vendors', id: '123', origin_id: 'X' }),
      ctx,
    );
    expect(r).toMatchObject({ status: 'failed', transient: false });
    expect(sandbox.writes.filter((w) => w.id === '123')).toEqual([]);
  });

  it('an unknown operation or a bad payload is refused with the reason', async () => {
    const { connector } = sandboxConnector(sandbox);
    expect(await connector.write!(request('delete_everything', {}), ctx)).toMatchObject({
      status: 'failed',
      transient: false,
      error: 'Procore has no write operation "delete_everything"',
    });
    expect(
      await connector.write!(
        request('procore.link', { resource: 'vendors', id: 'abc', origin_id: 'X' }),
        ctx,
      ),
    ).toMatchObject({
      status: 'failed',
      transient: false,
      error: 'the payload of proposal p1 is not a valid procore.link: id: a Procore id is digits',
    });
  });
});

describe('adding a cost code to a project', () => {
  const project = '562949953421312';
  it('creates "03-350" as code 350 under the project’s 03; a retry finds it and writes nothing', async () => {
    const { connector } = sandboxConnector(sandbox);
    const codes = sandbox.data.list(`cost_codes:${project}`);
    const parent = codes.find((c) => c.body.full_code === '03');
    const payload = {
      projectId: project,
      full_code: parent ? '03-350' : '350',
      name: 'Rebar (from the books)',
    };
    const req = { ...request('procore.cost_code.create', payload), idempotencyKey: 'tieout-cc-1' };
    const first = await connector.write!(req, ctx);
    expect(first.status).toBe('applied');
    const id = first.status === 'applied' ? first.targetIds[0]! : '';
    const made = sandbox.data.find(`cost_codes:${project}`, id)!;
    expect(made.body).toMatchObject({
      full_code: payload.full_code,
      name: 'Rebar (from the books)',
      origin_id: 'tieout-cc-1',
    });
    const writes = sandbox.writes.length;
    expect(await connector.write!(req, ctx)).toEqual({ status: 'already_applied', targetIds: [id] });
    expect(sandbox.writes.length).toBe(writes);
  });

  it('a code whose division the project lacks is refused with what to do', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(
      request('procore.cost_code.create', { projectId: project, full_code: '77-100', name: 'x' }),
      ctx,
    );
    expect(r).toMatchObject({
      status: 'failed',
      transient: false,
      error: `Procore project ${project} has no single parent cost code "77" for "77-100"; add the division first`,
    });
  });
});

describe('the sandbox sync action', () => {
  const call = async (body: unknown) => {
    const token = sandbox.oauth.grant({
      grant_type: 'client_credentials',
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    }).body.access_token;
    return fetch(`${sandbox.url}/rest/v1.0/vendors/sync`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'procore-company-id': sandbox.companyId,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  };

  it('upserts by origin_id: creates when unknown, updates when known, answers 200 with entities and errors', async () => {
    const created = (await (
      await call({ company_id: 4264807, updates: [{ origin_id: 'NEWV', name: 'New Vendor' }] })
    ).json()) as {
      entities: { id: number; name: string }[];
    };
    expect(created.entities[0]!.name).toBe('New Vendor');
    const res = await call({
      company_id: 4264807,
      updates: [
        { origin_id: 'NEWV', name: 'Renamed' },
        { id: 999, name: 'x' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      entities: { id: number; name: string }[];
      errors: { errors: unknown }[];
    };
    expect(body.entities).toEqual([
      expect.objectContaining({ id: created.entities[0]!.id, name: 'Renamed' }),
    ]);
    expect(body.errors[0]!.errors).toEqual({ id: ['No vendor has this id value'] });
  });

  it('refuses more than 1,000 items in one call', async () => {
    const res = await call({
      company_id: 4264807,
      updates: Array.from({ length: 1001 }, (_, i) => ({ origin_id: `V${i}` })),
    });
    expect(res.status).toBe(400);
  });
});
