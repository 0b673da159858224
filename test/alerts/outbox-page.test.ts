/**
 * /outbox over real HTTP on 127.0.0.1: the admin sees the list and downloads an .eml; anyone else is refused.
 * The admin guard is a stand-in for the API's token check (users and tokens are mounted by the API).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { queueApproverDigest } from '../../src/alerts/digest.ts';
import { deliverOutbox } from '../../src/alerts/outbox.ts';
import { fileTransport } from '../../src/alerts/transport.ts';
import { registerOutbox } from '../../src/api/approvals.outbox.ts';
import type { Runtime } from '../../src/runtime.ts';
import { listAlertMessages } from '../../src/store/alerts.ts';
import { testStore } from '../approvals/support.ts';
import { tempDir } from '../support/tmp.ts';

const closers: (() => void)[] = [];
afterAll(() => {
  for (const c of closers) c();
});

describe('the outbox page', () => {
  it('lists written emails to an admin, serves the .eml, and refuses others', async () => {
    const dataDir = tempDir();
    const store = testStore();
    queueApproverDigest(store, {
      company: { id: 'acme', name: 'Acme <Builders>' },
      recipients: [{ email: 'ada@acme.test', role: 'admin' }],
      staleDays: 7,
      baseUrl: 'https://t',
    });
    await deliverOutbox(store, fileTransport(dataDir));
    const runtime = { store, config: { dataDir } } as unknown as Runtime;
    const app = new Hono();
    registerOutbox(app, runtime, async (c, next) => {
      if (c.req.header('authorization') !== 'Bearer admin-token')
        return c.json({ error: { code: 'forbidden', message: 'admins only' } }, 403);
      await next();
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    closers.push(() => server.close());
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = { authorization: 'Bearer admin-token' };

    expect((await fetch(`${base}/outbox`)).status).toBe(403);
    const page = await fetch(`${base}/outbox`, { headers: admin });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ada@acme.test');
    expect(html).toContain('Acme &lt;Builders&gt;');
    const [m] = listAlertMessages(store.db);
    const eml = await fetch(`${base}/outbox/${m!.id}.eml`, { headers: admin });
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect(await eml.text()).toMatch(/^To: ada@acme\.test$/m);
    expect((await fetch(`${base}/outbox/nope.eml`, { headers: admin })).status).toBe(404);
  });
});
