/**
 * Offboarding over real HTTP: disabling a user, changing their role or password and revoking a token end
 * their sessions and tokens at once (not when the 12-hour cookie runs out); a token is only issued to its
 * holder; an approver grant is emailed to the other approvers; every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlertMessages } from '../../src/store/alerts.ts';
import { PASSWORD, type Served, signIn as signInPage, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

async function signIn(fields: Record<string, string>): Promise<string> {
  const { res, session } = await signInPage(t.url, { next: '/', ...fields });
  expect(res.status).toBe(303);
  return session;
}

const meWith = (cookie: string) => fetch(`${t.url}/api/me`, { headers: { cookie } }).then((r) => r.status);

const change = (userId: string, body: unknown) =>
  t.api(`/api/users/${userId}`, { method: 'PATCH', body: JSON.stringify(body) });

describe('offboarding', () => {
  it('disabling a user ends their password and token sessions and revokes their tokens at once', async () => {
    const byPassword = await signIn({ email: 'viewer@acme.test', password: PASSWORD });
    const byToken = await signIn({ token: t.tokens.viewer });
    expect(await meWith(byPassword)).toBe(200);
    expect(await meWith(byToken)).toBe(200);
    const res = await change(t.userIds.viewer, { disabled: true });
    expect(res.status).toBe(200);
    expect((await res.json()).disabledAt).toEqual(expect.any(String));
    expect(await meWith(byPassword)).toBe(401);
    expect(await meWith(byToken)).toBe(401);
    expect((await t.api('/api/me', { as: 'viewer' })).status).toBe(401);
    const tokens = await (await t.api(`/api/users/${t.userIds.viewer}/tokens`)).json();
    expect(tokens.items.every((tk: { revokedAt: string | null }) => tk.revokedAt !== null)).toBe(true);
    // enabling again does not bring the old token back
    expect((await change(t.userIds.viewer, { disabled: false })).status).toBe(200);
    expect((await t.api('/api/me', { as: 'viewer' })).status).toBe(401);
  });

  it('revoking a token ends the page session started with it', async () => {
    const cookie = await signIn({ token: t.tokens.approver });
    expect(await meWith(cookie)).toBe(200);
    const tokens = await (await t.api(`/api/users/${t.userIds.approver}/tokens`)).json();
    const revoked = await t.api(`/api/tokens/${tokens.items[0].id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(await meWith(cookie)).toBe(401);
  });

  it('a role change and a password reset end the sessions; the new role applies at the next sign-in', async () => {
    const cookie = await signIn({ email: 'pm@acme.test', password: PASSWORD });
    expect((await change(t.userIds.pm, { role: 'approver' })).status).toBe(200);
    expect(await meWith(cookie)).toBe(401);
    const again = await signIn({ email: 'pm@acme.test', password: PASSWORD });
    const me = await (await fetch(`${t.url}/api/me`, { headers: { cookie: again } })).json();
    expect(me.role).toBe('approver');
    expect((await change(t.userIds.pm, { password: 'a brand new passphrase' })).status).toBe(200);
    expect(await meWith(again)).toBe(401);
  });

  it('granting the approver role emails the other approvers', () => {
    // (the pm above became an approver)
    const told = listAlertMessages(t.runtime.store.db).filter((m) =>
      m.subject.includes('pm@acme.test is now an approver'),
    );
    expect(told.map((m) => m.recipient)).toContain('approver@acme.test');
    expect(told.map((m) => m.recipient)).not.toContain('pm@acme.test');
  });

  it('an admin cannot issue a token for someone else, nor disable or demote themself', async () => {
    const forOther = await t.api(`/api/users/${t.userIds.approver}/tokens`, {
      method: 'POST',
      body: JSON.stringify({ name: 'mine now' }),
    });
    expect(forOther.status).toBe(404);
    const own = await t.api('/api/me/tokens', { method: 'POST', body: JSON.stringify({ name: 'laptop' }) });
    expect(own.status).toBe(201);
    const { token } = await own.json();
    const me = await (
      await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me.email).toBe('admin@acme.test');
    const self = await change(t.userIds.admin, { disabled: true });
    expect(self.status).toBe(403);
    expect((await self.json()).error.code).toBe('own_account');
    expect((await change(t.userIds.admin, { role: 'approver' })).status).toBe(403);
  });

  it('every change is audited with the admin and the credential used, and a non-admin may change nobody', async () => {
    const entries = t.runtime.store.sqlite
      .prepare("SELECT actor, action, note FROM audit_log WHERE action IN ('user.disable','user.role')")
      .all() as { actor: string; action: string; note: string }[];
    expect(entries.map((e) => e.action).sort()).toEqual(['user.disable', 'user.role']);
    for (const e of entries) {
      expect(e.actor).toBe('admin@acme.test');
      expect(e.note).toMatch(/^token:/);
    }
    expect(
      (
        await t.api(`/api/users/${t.userIds.admin}`, {
          as: 'pm', // an approver now; the approver's own token was revoked above
          method: 'PATCH',
          body: '{"disabled":true}',
        })
      ).status,
    ).toBe(403);
  });
});
