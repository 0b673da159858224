/**
 * Signing in to the pages: an email and password (scrypt) or an API token, then a session cookie (HttpOnly,
 * SameSite=Lax, Secure when the configured public URL is https). The form carries its own CSRF token (a
 * random value in a short-lived cookie and in the form, compared in constant time), so another site cannot
 * sign a browser in as someone else. Failed attempts slow down per client address and per account
 * (src/api/rate-limit.ts); the address is read behind trusted proxies only (src/api/client-address.ts).
 */

import { randomBytes } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sameSecret } from '../../connectors/secrets.ts';
import { cookieIsSecure, SESSION_COOKIE } from '../api/auth.ts';
import { socketAddress } from '../api/client-address.ts';
import type { ApiEnv } from '../api/context.ts';
import { createSession, endSession, SESSION_HOURS } from '../store/sessions.ts';
import { findUserByEmail, liveToken, passwordMatches, upgradePasswordHash } from '../store/users.ts';
import { Layout } from './layout.tsx';

/** The sign-in form's CSRF cookie (only sent to /login). */
export const LOGIN_CSRF_COOKIE = 'tieout_login';

function LoginPage(props: { next: string; csrf: string; error?: string; email?: string }) {
  return (
    <Layout title="Sign in">
      <form class="login" method="post" action="/login">
        <h1>Sign in to tieout</h1>
        {props.error ? <p class="error">{props.error}</p> : null}
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" value={props.email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" />
        <label for="token">or an API token</label>
        <input id="token" name="token" type="password" autocomplete="off" />
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

const HERE = 'http://tieout.invalid';

/**
 * Only same-origin paths: never redirect a signed-in user off tieout. Browsers drop tabs and newlines and read
 * `\` as `/`, so `/\t/evil.example` is `//evil.example`; the path is resolved as a browser would and refused
 * unless it stays on this origin.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  try {
    const url = new URL(next, HERE);
    return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

/** The longest email address there is (RFC 5321): anything longer is not an email, and is not kept. */
export const MAX_EMAIL = 254;

/** The client as the limiter sees it: the socket peer, or behind a trusted proxy the forwarded address. */
function clientAddress(c: Context<ApiEnv>): string {
  return c.get('limits').proxies.clientOf(socketAddress(c), c.req.header('x-forwarded-for'));
}

/** The form's CSRF value: the one in the browser's cookie, or a new one set now (an hour to sign in). */
function loginCsrf(c: Context<ApiEnv>): string {
  const had = getCookie(c, LOGIN_CSRF_COOKIE);
  if (had && /^[A-Za-z0-9_-]{32}$/.test(had)) return had;
  const value = randomBytes(24).toString('base64url');
  setCookie(c, LOGIN_CSRF_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: cookieIsSecure(c),
    path: '/login',
    maxAge: 3600,
  });
  return value;
}

const minutesOrSeconds = (s: number) =>
  s >= 90 ? `${Math.ceil(s / 60)} minutes` : `${s} second${s === 1 ? '' : 's'}`;

export function registerLogin(app: OpenAPIHono<ApiEnv>): void {
  app.get('/login', (c) => c.html(<LoginPage next={safeNext(c.req.query('next'))} csrf={loginCsrf(c)} />));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const email =
      typeof form.email === 'string' && form.email.length <= MAX_EMAIL ? form.email.trim().toLowerCase() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const page = (status: 401 | 403 | 429, error: string) =>
      c.html(<LoginPage next={next} csrf={loginCsrf(c)} email={email} error={error} />, status);

    const expected = getCookie(c, LOGIN_CSRF_COOKIE);
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    if (!expected || !sameSecret(sent, expected)) {
      return page(403, 'The sign-in form expired or did not come from tieout; try again.');
    }
    const { loginPerAddress, loginPerAccount } = c.get('limits');
    // The address first: a waiting address records nothing more (not the email it posted).
    const address = clientAddress(c);
    const wait = loginPerAddress.wait(address) || (email ? loginPerAccount.wait(email) : 0);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return page(429, `Too many failed attempts; try again in ${minutesOrSeconds(wait)}.`);
    }
    const db = c.get('runtime').store.db;
    const viaToken = token ? liveToken(db, token) : null;
    let user = viaToken?.user ?? null;
    if (!token) {
      const found = email ? findUserByEmail(db, email) : undefined;
      const ok = await passwordMatches(found?.passwordHash ?? null, password);
      user = ok && found && found.disabledAt === null ? found : null;
      if (user && (await upgradePasswordHash(db, user, password))) {
        c.get('log').info({ user: user.id }, 'password hash upgraded to the current scrypt parameters');
      }
    }
    if (!user) {
      loginPerAddress.fail(address);
      if (email) loginPerAccount.fail(email);
      c.get('log').info({ email }, 'sign-in refused');
      return page(401, 'That email and password (or token) did not match.');
    }
    if (email) loginPerAccount.clear(email);
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login' });
    const session = createSession(db, user.id, new Date(), viaToken?.tokenId ?? null);
    setCookie(c, SESSION_COOKIE, session.cookie, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: cookieIsSecure(c),
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    c.get('log').info({ user: user.id }, 'signed in');
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) endSession(c.get('runtime').store.db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
}
