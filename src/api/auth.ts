/** Who is calling: a bearer token (API clients) or the session cookie (pages and their downloads). */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { alertSettings } from '../alerts/settings.ts';
import { sessionFor } from '../store/sessions.ts';
import { touchToken } from '../store/users.ts';
import type { ApiEnv, Principal } from './context.ts';
import { storeReads } from './store-reads.ts';

export const SESSION_COOKIE = 'tieout_session';

export function authenticate(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set('principal', principalOf(c));
    await next();
  };
}

function principalOf(c: Context<ApiEnv>): Principal | null {
  const store = c.get('runtime').store;
  const header = c.req.header('authorization');
  if (header !== undefined) {
    // A bad Authorization header is not retried as a cookie: the caller meant the token.
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const live = m ? storeReads(store).liveToken(m[1]!) : null;
    if (live) touchToken(store.db, live.tokenId, live.lastUsedAt);
    return live ? { user: live.user, via: 'token', credential: `token:${live.tokenId}` } : null;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return null;
  const session = sessionFor(store.db, cookie);
  return session
    ? { user: session.user, via: 'session', csrfToken: session.csrfToken, credential: 'session' }
    : null;
}

/**
 * Cookies are `Secure` when tieout is reached over https, as configured (`alerts.publicUrl` or
 * TIEOUT_PUBLIC_URL; the links in emails use the same address), never guessed from request headers a client
 * or a misconfigured proxy writes.
 */
export function cookieIsSecure(c: Context<ApiEnv>): boolean {
  return alertSettings(c.get('runtime').config, null).publicUrl.startsWith('https:');
}
