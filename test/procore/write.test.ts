/** Approved writes: linking a Procore vendor or project to the ERP record through the sync actions. */
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
    const first = await connector.write!(request('link_vendor', { id: '7001003', originId: 'VALDRY' }), ctx);
    expect(first).toEqual({ status: 'applied', targetIds: ['7001003'] });
    const again = await connector.write!(request('link_vendor', { id: '7001003', originId: 'VALDRY' }), ctx);
    expect(again.status).toBe('already_applied');
    expect(sandbox.requests.filter((r) => r.startsWith('/rest/v1.0/vendors/sync'))).toHaveLength(1);
    const read = await readAll(connector, testContext());
    expect(read.rows.vendors!.find((v) => v.vendor_id === '7001003')!.linked_id).toBe('VALDRY');
  });

  it('links a project to its ERP job', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(
      request('link_project', { id: '562949953421314', originId: 'J-2022-009' }),
      ctx,
    );
    expect(r.status).toBe('applied');
    expect(sandbox.data.find('projects', '562949953421314')!.body.origin_id).toBe('J-2022-009');
  });

  it('an origin id another vendor already carries is refused, not applied twice', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(request('link_vendor', { id: '7001002', originId: 'ABCCON' }), ctx);
    expect(r).toMatchObject({
      status: 'failed',
      transient: false,
      error: expect.stringContaining('already been taken'),
    });
  });

  it('a vendor that does not exist fails without retrying', async () => {
    const { connector } = sandboxConnector(sandbox);
    const r = await connector.write!(request('link_vendor', { id: '123', originId: 'X' }), ctx);
    expect(r).toMatchObject({
      status: 'failed',
      transient: false,
      error: 'Procore company 4264807 has no vendor 123',
    });
  });

  it('an unknown operation or a bad payload is refused with the reason', async () => {
    const { connector } = sandboxConnector(sandbox);
    expect(await connector.write!(request('delete_everything', {}), ctx)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('known: link_vendor, link_project'),
    });
    expect(await connector.write!(request('link_vendor', { id: 'abc', originId: '' }), ctx)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('payload is invalid'),
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
