/**
 * Sign-in limiting: progressive delays (never a lock-out of a named user), keyed per account and per client
 * address, the address read behind configured trusted proxies only. All time is a virtual clock.
 * Expected waits are worked from the rules: the account rule lets 5 failures pass, then waits 1 s and doubles
 * each failure (1, 2, 4, 8, 16, 32 s) up to 60 s; a key with no failure for 15 minutes is forgotten.
 */
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../connectors/clock.ts';
import { createApp } from '../../src/api/app.ts';
import { TrustedProxies } from '../../src/api/client-address.ts';
import { createLimits } from '../../src/api/limits.ts';
import { DelayLimiter, LOGIN_PER_ACCOUNT, MAX_KEYS } from '../../src/api/rate-limit.ts';
import { serverSettings } from '../../src/config/schema.ts';
import { listen, PASSWORD, type Served, signIn, startTieout } from '../api/support.ts';

describe('progressive delays', () => {
  it('lets five failures pass, then waits 1, 2, 4 … seconds up to one minute, and forgets after 15 minutes', () => {
    const clock = new VirtualClock();
    const limiter = new DelayLimiter(LOGIN_PER_ACCOUNT, () => clock.now());
    const waits = Array.from({ length: 13 }, () => limiter.fail('ann@acme.test'));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
    expect(limiter.wait('ann@acme.test')).toBe(60);
    clock.advance(59_000);
    expect(limiter.wait('ann@acme.test')).toBe(1);
    clock.advance(1_000);
    expect(limiter.wait('ann@acme.test')).toBe(0); // a wait, never a lock
    clock.advance(15 * 60_000 + 1);
    expect(limiter.fail('ann@acme.test')).toBe(0); // forgotten: a fresh start
  });

  it('keeps at most its bound of keys, the oldest dropped first', () => {
    const clock = new VirtualClock();
    const limiter = new DelayLimiter(LOGIN_PER_ACCOUNT, () => clock.now());
    for (let i = 0; i < MAX_KEYS + 500; i++) limiter.fail(`addr-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(MAX_KEYS);
    for (let i = 0; i < 6; i++) limiter.fail('addr-recent');
    expect(limiter.wait('addr-recent')).toBe(1);
  });
});

describe('the client address behind proxies', () => {
  it('reads X-Forwarded-For only from a trusted peer, taking the right-most untrusted address', () => {
    const none = new TrustedProxies([]);
    expect(none.clientOf('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    const proxies = new TrustedProxies(['10.0.0.0/8', '127.0.0.1']);
    // a client that writes its own header gets its own entry kept left of the proxy's
    expect(proxies.clientOf('10.1.2.3', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    // two trusted proxies in a row
    expect(proxies.clientOf('127.0.0.1', '203.0.113.9, 10.9.9.9')).toBe('203.0.113.9');
    // a peer that is not a proxy: the header is anyone's words
    expect(proxies.clientOf('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(proxies.clientOf('::ffff:127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(proxies.clientOf('127.0.0.1', undefined)).toBe('127.0.0.1');
  });
});

describe('sign-in over HTTP behind a trusted proxy (virtual clock)', () => {
  let t: Served;
  let served: { server: ServerType; url: string };
  const clock = new VirtualClock();
  beforeAll(async () => {
    t = await startTieout();
    // The test's own requests come from 127.0.0.1, configured as the proxy; X-Forwarded-For names the client.
    // The address rule is made small (2 free failures) so the test posts few slow password checks.
    const limits = createLimits({ ...serverSettings({}), trustedProxies: ['127.0.0.1'] }, clock, {
      address: { free: 2, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetMs: 15 * 60_000 },
    });
    served = await listen(createApp({ runtime: t.runtime, limits }).fetch);
  }, 120_000);
  afterAll(() => {
    served?.server.close();
    t?.close();
  });

  const from = (client: string, spoofed = '198.51.100.1') => ({ 'x-forwarded-for': `${spoofed}, ${client}` });

  it('a named account is slowed, never locked: after the wait, the right password signs in', async () => {
    // six failures for one account, each from a different address (so only the account's key counts)
    for (let i = 0; i < 6; i++) {
      const { res } = await signIn(
        served.url,
        { email: 'approver@acme.test', password: 'not the password' },
        from(`203.0.113.${10 + i}`),
      );
      expect(res.status).toBe(401);
    }
    const early = await signIn(
      served.url,
      { email: 'approver@acme.test', password: PASSWORD },
      from('192.0.2.50'),
    );
    expect(early.res.status).toBe(429);
    expect(early.res.headers.get('retry-after')).toBe('1'); // the 6th failure: first wait, 1 s
    clock.advance(1000);
    const later = await signIn(
      served.url,
      { email: 'approver@acme.test', password: PASSWORD },
      from('192.0.2.50'),
    );
    expect(later.res.status).toBe(303);
    expect(later.session).toMatch(/^tieout_session=/);
  }, 120_000);

  it('the address is the right-most untrusted one: a spoofed left entry neither escapes nor frames another', async () => {
    // three failures from 203.0.113.77, each with a different spoofed left entry and a different email
    for (let i = 0; i < 3; i++) {
      const { res } = await signIn(
        served.url,
        { email: `nobody${i}@acme.test`, password: 'x' },
        from('203.0.113.77', `198.51.100.${i}`),
      );
      expect(res.status).toBe(401);
    }
    // 3rd failure = 1st over the 2 free: 1 s
    const blocked = await signIn(
      served.url,
      { email: 'viewer@acme.test', password: PASSWORD },
      from('203.0.113.77'),
    );
    expect(blocked.res.status).toBe(429);
    // the spoofed addresses were never charged: a client really at 198.51.100.1 signs in
    const other = await signIn(
      served.url,
      { email: 'viewer@acme.test', password: PASSWORD },
      from('198.51.100.1', '203.0.113.77'),
    );
    expect(other.res.status).toBe(303);
  }, 120_000);

  it('a sign-in form posted without its CSRF token is refused', async () => {
    const res = await fetch(`${served.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'viewer@acme.test', password: PASSWORD }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tieout_session='))).toBe(false);
  });
});
