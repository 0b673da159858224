/** The pages over real HTTP: sign-in, session cookie flags, CSRF on forms, roles, rate limiting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Served, signIn as signInPage, startTieout } from '../api/support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

async function signIn(email: string, password = PASSWORD, next = '/') {
  const { res, session } = await signInPage(t.url, { email, password, next });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tieout_session=')) ?? '';
  return { res, cookie, session };
}

const page = (path: string, session: string, init: RequestInit = {}) =>
  fetch(`${t.url}${path}`, {
    ...init,
    headers: { cookie: session, ...(init.headers ?? {}) },
    redirect: 'manual',
  });

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('pages', () => {
  it('a page without a session sends the browser to sign in, and back after', async () => {
    const res = await fetch(`${t.url}/companies/acme/findings`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcompanies%2Facme%2Ffindings');
    const { res: signed, cookie } = await signIn('viewer@acme.test', PASSWORD, '/companies/acme/findings');
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('/companies/acme/findings');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('signing in never redirects off tieout', async () => {
    const { res } = await signIn('viewer@acme.test', PASSWORD, '//evil.example/');
    expect(res.headers.get('location')).toBe('/');
  });

  it('a wrong password is refused with the same words whether or not the email exists', async () => {
    const known = await signIn('approver@acme.test', 'not the password at all');
    const unknown = await signIn('nobody@acme.test', 'not the password at all');
    expect(known.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(await known.res.text()).toContain('did not match');
    expect(known.cookie).toBe('');
  });

  it('the overview, job cost and WIP pages render numbers right-aligned with negatives in parentheses', async () => {
    const { session } = await signIn('approver@acme.test');
    const overview = await (await page('/', session)).text();
    expect(overview).toContain('Findings by check');
    expect(overview).toContain('Jobs at risk');
    const job = await (await page(`/companies/acme/jobs/${t.pmJob}?asOf=2026-10-31`, session)).text();
    expect(job).toContain('Cost code × cost type');
    expect(job).toMatch(/<td class="num( neg)?">[\d,().]+<\/td>/);
    const wip = await (await page('/companies/acme/wip?asOf=2026-10-31', session)).text();
    expect(wip).toContain('Over/(under) billing');
    expect(wip).toContain('Close 2026-10');
  });

  it('a form without the session CSRF token is refused; with it the finding is acknowledged', async () => {
    const { session } = await signIn('approver@acme.test');
    const list = await (await page('/companies/acme/findings', session)).text();
    const action = /action="(\/companies\/acme\/findings\/[^"]+\/acknowledge)"/.exec(list)?.[1];
    expect(action).toBeDefined();
    const url = action!.replaceAll('&amp;', '&');
    const forged = await page(url, session, {
      method: 'POST',
      body: new URLSearchParams({ note: 'forged' }),
    });
    expect(forged.status).toBe(403);
    const ok = await page(url, session, {
      method: 'POST',
      body: new URLSearchParams({ note: 'on it', _csrf: csrfOf(list) }),
    });
    expect(ok.status).toBe(303);
    const detail = await (await page(ok.headers.get('location')!, session)).text();
    expect(detail).toContain('acknowledged');
  });

  it('a pm sees their job, not the WIP, and not another job', async () => {
    const { session } = await signIn('pm@acme.test');
    expect((await page(`/companies/acme/jobs/${t.pmJob}`, session)).status).toBe(200);
    expect((await page(`/companies/acme/jobs/${t.otherJob}`, session)).status).toBe(403);
    expect((await page('/companies/acme/wip', session)).status).toBe(403);
    expect((await page('/approvals', session)).status).toBe(403);
  });

  it('the session cookie also opens the report downloads linked from the pages', async () => {
    const { session } = await signIn('viewer@acme.test');
    const res = await page('/api/companies/acme/reports/wip?asOf=2026-10-31&format=csv', session);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
  });

  it('signing out ends the session', async () => {
    const { session } = await signIn('viewer@acme.test');
    const home = await (await page('/', session)).text();
    await page('/logout', session, { method: 'POST', body: new URLSearchParams({ _csrf: csrfOf(home) }) });
    expect((await page('/', session)).status).toBe(303);
  });

  it('the API docs are served from local files', async () => {
    const docs = await (await fetch(`${t.url}/docs`)).text();
    expect(docs).toContain('/vendor/swagger-ui-dist');
    expect(docs).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const js = await fetch(`${t.url}/vendor/swagger-ui-dist/swagger-ui-bundle.js`);
    expect(js.status).toBe(200);
  });
});
