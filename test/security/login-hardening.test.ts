/**
 * Signing in: the page never sends a signed-in user off tieout (the tab trick `/\t/evil.example` included),
 * (the limiter's delays and bounds: login-limits.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/web/login.tsx';
import { PASSWORD, type Served, signIn, startTieout } from '../api/support.ts';

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
      const { res } = await signIn(t.url, { email: 'viewer@acme.test', password: PASSWORD, next });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(new URL(location, t.url).origin, `${JSON.stringify(next)} → ${location}`).toBe(t.url);
    }
    const page = await (await fetch(`${t.url}/login?next=/%09/evil.example`)).text();
    expect(page).not.toContain('evil.example');
    expect(safeNext('/companies/acme/jobs?x=1#top')).toBe('/companies/acme/jobs?x=1#top');
  });
});
