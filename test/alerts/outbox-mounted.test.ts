/**
 * /outbox as the app mounts it, over real HTTP on 127.0.0.1: the admin sees the written emails (by bearer
 * token or by their signed-in session) and downloads one as .eml; every other role is refused, and a caller
 * without credentials is sent to sign in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueApproverDigest } from '../../src/alerts/digest.ts';
import { deliverOutbox } from '../../src/alerts/outbox.ts';
import { fileTransport } from '../../src/alerts/transport.ts';
import { listAlertMessages } from '../../src/store/alerts.ts';
import { PASSWORD, type Served, signIn, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
  queueApproverDigest(t.runtime.store, {
    company: { id: 'acme', name: 'Acme Builders' },
    recipients: [{ email: 'admin@acme.test', role: 'admin' }],
    staleDays: 7,
    baseUrl: t.url,
  });
  await deliverOutbox(t.runtime.store, fileTransport(t.runtime.config.dataDir));
}, 120_000);
afterAll(() => t?.close());

describe('the outbox in the running app', () => {
  it('an admin sees the written emails and downloads one as .eml', async () => {
    const page = await t.api('/outbox', { as: 'admin' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('admin@acme.test');
    expect(html).toContain('No SMTP_URL is configured');
    const [message] = listAlertMessages(t.runtime.store.db);
    const eml = await t.api(`/outbox/${message!.id}.eml`, { as: 'admin' });
    expect(eml.status).toBe(200);
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect(eml.headers.get('content-disposition')).toBe(`attachment; filename="${message!.id}.eml"`);
    const text = await eml.text();
    expect(text).toMatch(/^To: admin@acme\.test$/m);
    expect(text).toMatch(/^X-Tieout-Company: acme$/m);
  });

  it('viewers, PMs and approvers get 403; without credentials the page asks to sign in', async () => {
    for (const role of ['viewer', 'pm', 'approver'] as const) {
      expect((await t.api('/outbox', { as: role })).status, role).toBe(403);
      const [m] = listAlertMessages(t.runtime.store.db);
      expect((await t.api(`/outbox/${m!.id}.eml`, { as: role })).status, role).toBe(403);
    }
    const anonymous = await t.api('/outbox', { as: null });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Foutbox');
  });

  it('an admin signed in with a password reaches it through the navigation link', async () => {
    const { session: cookie } = await signIn(t.url, { email: 'admin@acme.test', password: PASSWORD });
    const overview = await (await fetch(`${t.url}/`, { headers: { cookie } })).text();
    expect(overview).toContain('href="/outbox"');
    const page = await fetch(`${t.url}/outbox`, { headers: { cookie } });
    expect(page.status).toBe(200);
  });
});
