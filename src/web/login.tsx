/**
 * Signing in to the pages: an email and password (scrypt) or an API token, then a session cookie (HttpOnly,
 * SameSite=Lax, Secure off loopback). Attempts are limited per email and per client address.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cookieIsSecure, SESSION_COOKIE } from '../api/auth.ts';
import type { ApiEnv } from '../api/context.ts';
import { AttemptLimiter, LOGIN_PER_ADDRESS, LOGIN_PER_EMAIL } from '../api/rate-limit.ts';
import { createSession, endSession, SESSION_HOURS } from '../store/sessions.ts';
import { findUserByEmail, liveToken, passwordMatches } from '../store/users.ts';
import { Layout } from './layout.tsx';

function LoginPage(props: { next: string; error?: string; email?: string }) {
  return (
    <Layout title="Sign in">
      <form class="login" method="post" action="/login">
        <h1>Sign in to tieout</h1>
        {props.error ? <p class="error">{props.error}</p> : null}
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

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function registerLogin(app: OpenAPIHono<ApiEnv>): void {
  const perEmail = new AttemptLimiter(LOGIN_PER_EMAIL);
  const perAddress = new AttemptLimiter(LOGIN_PER_ADDRESS);

  app.get('/login', (c) => c.html(<LoginPage next={safeNext(c.req.query('next'))} />));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const email =
      typeof form.email === 'string' && form.email.length <= MAX_EMAIL ? form.email.trim().toLowerCase() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    // The address first: a blocked address records nothing more (not the email it posted).
    const byAddress = perAddress.hit(clientAddress(c));
    const wait = byAddress > 0 ? byAddress : email ? perEmail.hit(email) : 0;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(
        <LoginPage
          next={next}
          email={email}
          error={`Too many attempts; try again in ${Math.ceil(wait / 60)} minutes.`}
        />,
        429,
      );
    }
    const db = c.get('runtime').store.db;
    const viaToken = token ? liveToken(db, token) : null;
    let user = viaToken?.user ?? null;
    if (!token) {
      const found = email ? findUserByEmail(db, email) : undefined;
      const ok = await passwordMatches(found?.passwordHash ?? null, password);
      user = ok && found && found.disabledAt === null ? found : null;
    }
    if (!user) {
      c.get('log').info({ email }, 'sign-in refused');
      return c.html(
        <LoginPage next={next} email={email} error="That email and password (or token) did not match." />,
        401,
      );
    }
    if (email) perEmail.clear(email);
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
