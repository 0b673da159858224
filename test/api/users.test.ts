/** Users and tokens over real HTTP: shown once, stored hashed, revocable, expiring; admin only; audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit.ts';
import { type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

const asBearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

describe('users and tokens', () => {
  it('an admin adds a user; the token works once shown and is stored only as a hash', async () => {
    const res = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'Controller@Acme.test', role: 'viewer', companyId: 'acme' }),
    });
    expect(res.status).toBe(201);
    const { user, token } = await res.json();
    expect(user).toMatchObject({
      email: 'controller@acme.test',
      role: 'viewer',
      companyId: 'acme',
      hasPassword: false,
    });
    expect(token).toMatch(/^tieout_/);
    const me = await (await t.api('/api/me', asBearer(token))).json();
    expect(me.email).toBe('controller@acme.test');
    const stored = t.runtime.store.sqlite.prepare('SELECT token_hash FROM api_tokens').all() as {
      token_hash: string;
    }[];
    expect(stored.some((r) => r.token_hash.includes(token) || token.includes(r.token_hash))).toBe(false);
    const tokens = await (await t.api(`/api/users/${user.id}/tokens`)).json();
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it('a revoked token is a 401; an expired one too', async () => {
    const issued = await (
      await t.api('/api/me/tokens', {
        as: 'viewer',
        method: 'POST',
        body: JSON.stringify({ name: 'laptop' }),
      })
    ).json();
    expect((await t.api('/api/me', asBearer(issued.token))).status).toBe(200);
    expect((await t.api(`/api/tokens/${issued.tokenId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.api('/api/me', asBearer(issued.token))).status).toBe(401);
    const expired = await (
      await t.api('/api/me/tokens', {
        as: 'viewer',
        method: 'POST',
        body: JSON.stringify({ name: 'old', expiresAt: '2020-01-01T00:00:00Z' }),
      })
    ).json();
    expect((await t.api('/api/me', asBearer(expired.token))).status).toBe(401);
    expect(verifyAudit(t.runtime.store.db)).toMatchObject({ ok: true });
  });

  it('a duplicate email is a 409; a bad role a 400 naming the field', async () => {
    const dup = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'viewer@acme.test', role: 'viewer' }),
    });
    expect(dup.status).toBe(409);
    const bad = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'x@acme.test', role: 'owner' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/body field "role"/);
  });

  it('nobody but an admin manages users', async () => {
    for (const role of ['viewer', 'pm', 'approver'] as const) {
      expect((await t.api('/api/users', { as: role })).status).toBe(403);
      const add = await t.api('/api/users', {
        as: role,
        method: 'POST',
        body: JSON.stringify({ email: 'e@x.test', role: 'admin' }),
      });
      expect(add.status).toBe(403);
    }
  });

  it('an admin limited to one company cannot manage users (it could grant itself every company)', async () => {
    const limited = await (
      await t.api('/api/users', {
        method: 'POST',
        body: JSON.stringify({ email: 'site@acme.test', role: 'admin', companyId: 'acme' }),
      })
    ).json();
    const res = await t.api('/api/users', {
      ...asBearer(limited.token),
      method: 'POST',
      body: JSON.stringify({ email: 'escalate@acme.test', role: 'admin' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('installation admin');
    expect((await t.api('/api/companies/acme/findings', asBearer(limited.token))).status).toBe(200);
  });

  it('a body over the size limit is a 413', async () => {
    const res = await t.api('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'a'.repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
