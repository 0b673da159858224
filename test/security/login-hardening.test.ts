/**
 * Signing in: the page never sends a signed-in user off tieout (the tab trick `/\t/evil.example` included),
 * and the attempt limiter's memory stays bounded however many addresses and emails are posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptLimiter, MAX_KEYS } from '../../src/api/rate-limit.ts';
import { safeNext } from '../../src/web/login.tsx';
import { PASSWORD, type Served, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('after sign-in, only same-origin paths are followed', async () => {
    for (const next of [
      '/\t/evil.example',
      '/%09/evil.example',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
    ]) {
      const res = await fetch(`${t.url}/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'viewer@acme.test', password: PASSWORD, next }),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(new URL(location, t.url).origin, `${JSON.stringify(next)} → ${location}`).toBe(t.url);
    }
    const page = await (await fetch(`${t.url}/login?next=/%09/evil.example`)).text();
    expect(page).not.toContain('evil.example');
    expect(safeNext('/companies/acme/jobs?x=1#top')).toBe('/companies/acme/jobs?x=1#top');
  });

  it('the limiter keeps at most its bound of keys, the oldest dropped first', () => {
    const limiter = new AttemptLimiter({ attempts: 5, windowMs: 15 * 60_000 });
    for (let i = 0; i < MAX_KEYS + 500; i++) limiter.hit(`addr-${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(MAX_KEYS);
    // a recent key is still counted
    for (let i = 0; i < 5; i++) limiter.hit('addr-recent', 0);
    expect(limiter.hit('addr-recent', 0)).toBeGreaterThan(0);
  });
});
