/**
 * `/outbox` (admin): the alert emails of the admin's companies (an admin tied to one company sees only its
 * emails; another company's email is a 404). The alert emails tieout queued, sent or wrote, newest first, and each one as its
 * `.eml` file, so a newcomer running the demo (no SMTP_URL) can read what would have been sent. The admin
 * check is the API's own guard, passed in by whoever mounts the routes.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { esc } from '../alerts/html.ts';
import { can } from '../roles.ts';
import type { Runtime } from '../runtime.ts';
import { listAlertMessages } from '../store/alerts.ts';
import type { ApiEnv, Principal } from './context.ts';
import { ApiError, errorResponse } from './errors.ts';

/**
 * The admin guard the app mounts /outbox with: the route table (access.ts) already let only admins through
 * by session or bearer token; this checks it again where the emails are served, so the outbox stays
 * admin-only even if the table were edited carelessly.
 */
export const adminOnly: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (!can(c.get('principal')?.user.role, 'outbox.read')) {
    return errorResponse(c, new ApiError('forbidden', 'forbidden', 'the outbox is for admins; ask an admin'));
  }
  await next();
};

/** The emails of the companies the signed-in admin may see (all of them for an installation admin). */
// biome-ignore lint/suspicious/noExplicitAny: the context of whichever app mounts the routes
function outboxOf(c: Context<any>, runtime: Runtime) {
  const limitedTo = (c.get('principal') as Principal | null)?.user.companyId ?? null;
  return listAlertMessages(runtime.store.db).filter((m) => limitedTo === null || m.companyId === limitedTo);
}

// biome-ignore lint/suspicious/noExplicitAny: mounts on any Hono app (plain or OpenAPI) whatever its env
export function registerOutbox(app: Hono<any>, runtime: Runtime, requireAdmin: MiddlewareHandler): void {
  app.get('/outbox', requireAdmin, (c) => {
    const messages = outboxOf(c, runtime).reverse();
    const rows = messages
      .map(
        (m) =>
          `<tr><td>${esc(m.createdAt)}</td><td>${esc(m.companyId)}</td><td>${esc(m.kind)}</td><td>${esc(m.recipient)}</td><td>${m.file ? `<a href="/outbox/${encodeURIComponent(m.id)}.eml">${esc(m.subject)}</a>` : esc(m.subject)}</td><td>${esc(m.status)}${m.lastError ? ` — ${esc(m.lastError)}` : ''}</td><td>${m.attempts}</td></tr>`,
      )
      .join('');
    const how = runtime.config.smtpUrl
      ? 'Emails go out through the configured SMTP server.'
      : 'No SMTP_URL is configured: emails are written here instead of being sent.';
    return c.html(
      `<!doctype html><html><head><title>Outbox · tieout</title></head><body><p><a href="/">tieout</a></p><h1>Outbox</h1><p>${esc(how)}</p><table border="1" cellpadding="4" cellspacing="0"><tr><th>Queued</th><th>Company</th><th>Kind</th><th>To</th><th>Subject</th><th>Status</th><th>Attempts</th></tr>${rows}</table></body></html>`,
    );
  });

  app.get('/outbox/:file', requireAdmin, async (c) => {
    const id = c.req.param('file').replace(/\.eml$/, '');
    // Another company's email answers as one that does not exist.
    const message = outboxOf(c, runtime).find((m) => m.id === id);
    if (!message?.file)
      return c.json({ error: { code: 'not_found', message: `no written email ${id}` } }, 404);
    const body = await readFile(path.join(runtime.config.dataDir, message.file));
    return c.body(body, 200, {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename="${id}.eml"`,
    });
  });
}
