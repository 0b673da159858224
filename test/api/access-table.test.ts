/**
 * The authorisation table against the real route table: every registered route must have a decision, and
 * every role gets exactly what the table says (401 without credentials, 403 for a role not listed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../src/api/access.ts';
import { createApp } from '../../src/api/app.ts';
import { listen, type Served, startTieout } from './support.ts';

let t: Served;
beforeAll(async () => {
  t = await startTieout();
});
afterAll(() => t.close());

const ROLES = ['viewer', 'pm', 'approver', 'admin'] as const;

function routeTable() {
  const app = createApp({ runtime: t.runtime });
  const seen = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL') seen.add(`${r.method} ${r.path}`);
  return [...seen].sort();
}

/** A concrete URL for a route pattern; unknown ids keep the calls harmless (404 / 400 after the gate). */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, 'nope').replace('*', 'x');

function refusedForRole(status: number, body: string): boolean {
  return status === 403 && /role cannot do this/.test(body);
}

describe('route table × roles', () => {
  it('every registered route has an authorisation decision', () => {
    const missing = routeTable().filter((key) => ACCESS[key] === undefined);
    expect(missing).toEqual([]);
    expect(routeTable().length).toBeGreaterThan(40);
  });

  it('the table names no route that does not exist', () => {
    const routes = new Set(routeTable());
    expect(Object.keys(ACCESS).filter((key) => !routes.has(key))).toEqual([]);
  });

  it('each role is let through exactly where the table allows it, and nobody without credentials', async () => {
    const outcomes: string[] = [];
    for (const key of routeTable()) {
      const decision = ACCESS[key]!;
      const [method, path] = key.split(' ') as [string, string];
      const url = concrete(path);
      const init = { method, body: method === 'GET' ? undefined : '{}' };
      const anonymous = await t.api(url, { ...init, as: null });
      const anonBody = await anonymous.text();
      if (decision === 'public') {
        // (POST /login answers 401 to a wrong password; that is the page, not the gate)
        if (anonBody.includes('Authorization: Bearer'))
          outcomes.push(`${key}: public route asked for credentials`);
        continue;
      }
      const pageRedirect = anonymous.status === 303 && !path.startsWith('/api/');
      if (anonymous.status !== 401 && !pageRedirect)
        outcomes.push(`${key}: anonymous got ${anonymous.status} ${anonBody}`);
      for (const role of ROLES) {
        const res = await t.api(url, { ...init, as: role });
        const refused = refusedForRole(res.status, await res.text());
        if (refused === decision.includes(role)) {
          outcomes.push(`${key}: ${role} ${refused ? 'refused' : 'let through'} (${res.status})`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('a route added without a decision is refused for everyone, admin included', async () => {
    const app = createApp({ runtime: t.runtime });
    app.get('/api/forgotten', (c) => c.json({ secret: true }));
    const { server, url } = await listen(app.fetch);
    const res = await fetch(`${url}/api/forgotten`, {
      headers: { authorization: `Bearer ${t.tokens.admin}` },
    });
    server.close();
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('no_authorisation_decision');
  });
});
