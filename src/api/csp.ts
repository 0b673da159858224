/**
 * Content-Security-Policy. Pages load scripts only from tieout itself (they have none inline), styles from
 * tieout plus `style` attributes (table cell widths; a style cannot run code), images from tieout and data:
 * URLs; no plugins, no framing, forms post only to tieout. The API docs page (swagger-ui, served from local
 * files) starts with one inline script: that page's policy allows exactly that script by its SHA-256.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The policy as a header value, with extra script sources (hashes) if any. */
export function cspHeader(extraScripts: string[] = []): string {
  return Object.entries({ ...PAGE_CSP, scriptSrc: [...PAGE_CSP.scriptSrc, ...extraScripts] })
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} ${v.join(' ')}`)
    .join('; ');
}

/** The page policy, with the response's own inline scripts allowed by hash (the swagger-ui start script). */
export function inlineScriptsByHash(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const html = await c.res.clone().text();
    const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
    );
    const headers = new Headers(c.res.headers);
    headers.set('content-security-policy', cspHeader(hashes));
    c.res = new Response(html, { status: c.res.status, headers });
  };
}
