/**
 * The Procore sandbox as a Hono app: Procore's real paths and payload shapes (v1.0/v1.1 flat and
 * project-nested, the singular prime contract show path, the v2 `data` envelope), Procore-Company-Id
 * enforcement, page/per_page with Total/Per-Page/Link, `filters[updated_at]` ranges, include_deleted,
 * X-Rate-Limit-* headers with 429s, 403/404 permission behaviour, and the fault switches.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { Clock } from '../../clock.ts';
import { asNumber, type SandboxData, type SandboxRecord } from './data.ts';
import type { FaultSwitches } from './faults.ts';
import type { SandboxOAuth } from './oauth.ts';
import type { RateLimiter } from './ratelimit.ts';
import { registerSyncRoutes, type SyncWrite } from './sync-routes.ts';
import type { SandboxWebhooks } from './webhooks.ts';

export interface SandboxState {
  data: SandboxData;
  oauth: SandboxOAuth;
  faults: FaultSwitches;
  limiter: RateLimiter;
  /** The sandbox's time (the client under test shares it when it is virtual). */
  clock: Clock;
  /** Projects the service account may not see (403), and path fragments of tools it lacks (403). */
  forbiddenProjects: Set<string>;
  forbiddenPaths: string[];
  perPageCap: number;
  /** API calls answered (not counting /oauth/token), by path without query. */
  calls: Map<string, number>;
  /** Every API call's path and query, in order (tests check filters and paging). */
  requests: string[];
  /** Every record created or updated through a /sync action, in order. */
  writes: SyncWrite[];
  /** Hooks, triggers and the deliveries of change events. */
  webhooks: SandboxWebhooks;
}

type C = Context<{ Bindings: HttpBindings }>;
interface ListOptions {
  paginated?: boolean;
  updatedFilter?: boolean;
  includeDeleted?: boolean;
  envelope?: boolean;
  cap?: number;
}

export function sandboxApp(s: SandboxState) {
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.post('/oauth/token', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const form = type.includes('json') ? await c.req.json() : await c.req.parseBody();
    const { status, body } = s.oauth.grant(form as Record<string, string>);
    return c.json(body, status as 200);
  });

  app.get('/__sandbox', (c) =>
    c.json({ companyId: s.data.companyId, warnings: s.data.warnings, calls: Object.fromEntries(s.calls) }),
  );
  app.post('/__sandbox/faults', async (c) => {
    s.faults.set(await c.req.json());
    return c.json({ ok: true });
  });
  app.delete('/__sandbox/faults', (c) => {
    s.faults.clear();
    return c.json({ ok: true });
  });

  app.use('/rest/*', async (c, next) => {
    const path = c.req.path;
    s.calls.set(path, (s.calls.get(path) ?? 0) + 1);
    const url = new URL(c.req.url);
    s.requests.push(`${url.pathname}${url.search}`);
    const rate = s.limiter.take();
    for (const [k, v] of Object.entries(rate.headers)) c.header(k, v);
    const fault = s.faults.take(path, ['429', '503', '500', 'slow', 'reset', '403', '404', 'expired_token']);
    if (rate.limited || fault?.kind === '429') {
      if (fault?.retryAfterSeconds !== undefined) {
        c.header('X-Rate-Limit-Remaining', '0');
        c.header('X-Rate-Limit-Reset', String(Math.ceil(s.clock.now() / 1000) + fault.retryAfterSeconds));
      }
      return c.text(
        'You have surpassed the max number of requests for an hour. Please wait until your limit resets.',
        429,
      );
    }
    if (fault?.kind === '503') {
      c.header('Retry-After', String(fault.retryAfterSeconds ?? 1));
      return c.json({ errors: 'Service Unavailable' }, 503);
    }
    if (fault?.kind === '500') return c.json({ errors: 'Internal Server Error' }, 500);
    if (fault?.kind === 'reset') {
      c.env.incoming.socket.destroy();
      return c.body(null);
    }
    if (fault?.kind === 'slow') {
      await sleep(fault.delayMs ?? 5_000);
      // The client gave up waiting: answer nothing, and consume no other fault on its behalf.
      if (c.env.incoming.socket?.destroyed || c.env.incoming.destroyed) return c.body(null);
    }
    if (fault?.kind === 'expired_token') s.oauth.expireAll();
    if (!s.oauth.valid(c.req.header('authorization'))) return c.json({ errors: 'Unauthorized' }, 401);
    // List Companies is one of the calls that need no Procore-Company-Id (official-docs/tutorials/tutorial_mpz.md).
    const company = c.req.header('procore-company-id');
    if (path !== '/rest/v1.0/companies') {
      if (!company) return c.text('Missing Procore-Company-Id header!', 400);
      if (company !== s.data.companyId)
        return c.json({ errors: 'You do not have access to this company' }, 403);
    }
    const pid = c.req.query('project_id') ?? /\/projects\/(\d+)/.exec(path)?.[1];
    if (fault?.kind === '403' || s.forbiddenPaths.some((p) => path.includes(p))) {
      return c.json({ errors: 'You do not have permission to access this tool' }, 403);
    }
    if (pid) {
      if (s.forbiddenProjects.has(pid))
        return c.json({ errors: 'You do not have access to this project' }, 403);
      if (fault?.kind === '404' || !s.data.find('projects', pid))
        return c.json({ errors: 'Project not found' }, 404);
    }
    await next();
  });

  const list = (c: C, key: string, o: ListOptions = {}) => serveList(s, c, key, o);
  const pid = (c: C) => c.req.query('project_id') ?? c.req.param('pid') ?? '';
  const upd = { updatedFilter: true };

  // The companies the account can see: the sandbox's one company.
  app.get('/rest/v1.0/companies', (c) =>
    c.json([
      {
        id: asNumber(s.data.companyId),
        name: s.data.companyName,
        is_active: true,
        logo_url: null,
        pcn_business_experience: false,
        my_company: true,
      },
    ]),
  );
  app.get('/rest/v1.1/projects', (c) => list(c, 'projects', upd));
  app.get('/rest/v1.0/projects/:id', (c) => show(c, s, 'projects', c.req.param('id')));
  app.get('/rest/v1.0/vendors', (c) => list(c, 'vendors', upd));
  app.get('/rest/v1.0/vendors/:id', (c) => {
    const inactive = s.data.find('vendors_inactive', c.req.param('id'));
    return show(c, s, inactive ? 'vendors_inactive' : 'vendors', c.req.param('id'));
  });
  app.get('/rest/v1.0/companies/:cid/vendors/inactive', (c) => list(c, 'vendors_inactive'));
  app.get('/rest/v1.0/line_item_types', (c) => list(c, 'line_item_types'));
  app.get('/rest/v1.0/standard_cost_code_lists', (c) => list(c, 'standard_cost_code_lists'));
  app.get('/rest/v1.0/standard_cost_codes', (c) =>
    list(c, `standard_cost_codes:${c.req.query('standard_cost_code_list_id')}`),
  );
  app.get('/rest/v1.0/cost_codes', (c) => list(c, `cost_codes:${pid(c)}`));
  app.get('/rest/v1.0/budget_views', (c) => list(c, `budget_views:${pid(c)}`));
  app.get('/rest/v1.0/budget_views/:id/detail_rows', (c) => list(c, `detail_rows:${c.req.param('id')}`));
  app.get('/rest/v1.0/prime_contracts', (c) => list(c, `prime_contracts:${pid(c)}`, upd));
  app.get('/rest/v1.0/prime_contract/:id', (c) => show(c, s, `prime_contracts:${pid(c)}`, c.req.param('id')));
  app.get('/rest/v1.0/prime_contracts/:id/payment_applications', (c) =>
    list(c, `payment_applications:${c.req.param('id')}`),
  );
  for (const kind of ['work_order_contracts', 'purchase_order_contracts']) {
    app.get(`/rest/v1.0/${kind}`, (c) => list(c, `${kind}:${pid(c)}`, { ...upd, includeDeleted: true }));
    app.get(`/rest/v1.0/${kind}/:id`, (c) => show(c, s, `${kind}:${pid(c)}`, c.req.param('id')));
    app.get(`/rest/v1.0/${kind}/:id/line_items`, (c) => list(c, `${kind}_lines:${c.req.param('id')}`, upd));
  }
  for (const kind of ['prime_change_orders', 'commitment_change_orders']) {
    // These list endpoints take no page/per_page (openapi-derived): everything comes in one response.
    app.get(`/rest/v1.0/projects/:pid/${kind}`, (c) =>
      list(c, `${kind}:${pid(c)}`, { ...upd, paginated: false }),
    );
    app.get(`/rest/v2.0/companies/:cid/projects/:pid/${kind}/:id/line_items`, (c) =>
      list(c, `${kind}_lines:${c.req.param('id')}`, { envelope: true, cap: 100 }),
    );
  }
  app.get('/rest/v2.0/companies/:cid/projects/:pid/budget_changes/adjustment_line_items', (c) =>
    list(c, `budget_adjustments:${pid(c)}`, { envelope: true, cap: 100 }),
  );
  app.get('/rest/v1.1/requisitions', (c) => list(c, `requisitions:${pid(c)}`, upd));
  app.get('/rest/v1.1/projects/:pid/direct_costs', (c) => list(c, `direct_costs:${pid(c)}`, upd));
  app.get('/rest/v1.0/projects/:pid/direct_costs/line_items', (c) =>
    list(c, `direct_cost_lines:${pid(c)}`, upd),
  );

  registerSyncRoutes(app, s);
  registerWebhookRoutes(app, s);

  app.notFound((c) => c.json({ errors: `No route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}

function show(c: C, s: SandboxState, key: string, id: string) {
  const rec = s.data.find(key, id);
  if (!rec || rec.deletedAt) return c.json({ errors: 'Not Found' }, 404);
  return c.json(s.data.render(rec));
}

function serveList(s: SandboxState, c: C, key: string, o: ListOptions) {
  let items: SandboxRecord[] = s.data.list(key);
  const deleted = o.includeDeleted ? c.req.query('filters[include_deleted]') : undefined;
  items = items.filter((r) => (deleted === 'only' ? r.deletedAt : deleted === 'with' ? true : !r.deletedAt));
  const range = c.req.query('filters[updated_at]');
  if (range && o.updatedFilter) {
    const [from, to] = range.replace(/^"|"$/g, '').split('...');
    const a = Date.parse(from ?? '');
    const b = Date.parse(to ?? '');
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      return c.json({ errors: 'filters[updated_at] must be an ISO 8601 range written start...end' }, 400);
    }
    items = items.filter((r) => Date.parse(r.updatedAt) >= a && Date.parse(r.updatedAt) <= b);
  }
  let page = items;
  if (o.paginated !== false) {
    const perPage = Math.min(
      Math.max(1, Number(c.req.query('per_page') ?? 100) || 100),
      o.cap ?? s.perPageCap,
    );
    const current = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    page = items.slice((current - 1) * perPage, current * perPage);
    const skew = s.faults.take(c.req.path, ['wrong_total']) ? 1 : 0;
    c.header('Total', String(items.length + skew));
    c.header('Per-Page', String(perPage));
    const link = linkHeader(new URL(c.req.url), current, last, perPage);
    if (link) c.header('Link', link);
  }
  let body: unknown[] = page.map((r) => s.data.render(r));
  const broken = s.faults.take(c.req.path, ['wrong_type', 'truncated', 'missing_field']);
  if (broken?.kind === 'wrong_type' && body.length > 0) {
    body = [{ ...(body[0] as object), [broken.field ?? 'id']: { unexpected: true } }, ...body.slice(1)];
  }
  if (broken?.kind === 'missing_field' && body.length > 0) {
    const { [broken.field ?? 'id']: _left, ...rest } = body[0] as Record<string, unknown>;
    body = [rest, ...body.slice(1)];
  }
  const json = JSON.stringify(o.envelope ? { data: body } : body);
  c.header('Content-Type', 'application/json; charset=utf-8');
  if (broken?.kind === 'truncated') return c.body(json.slice(0, Math.max(1, Math.floor(json.length / 2))));
  return c.body(json);
}

/**
 * Link as Procore documents it: page 1 has next and last; page 2 has first, next and last but no prev;
 * later pages have first, prev, next, last; the last page has no next.
 */
function linkHeader(url: URL, page: number, last: number, perPage: number): string | undefined {
  const at = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    return `<${u.toString()}>`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`${at(1)}; rel="first"`);
  if (page > 2) parts.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) parts.push(`${at(last)}; rel="last"`, `${at(page + 1)}; rel="next"`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Create Hook and Create Trigger (webhooks_api.md), answering in the documented 201 shapes. */
function registerWebhookRoutes(app: Hono<{ Bindings: HttpBindings }>, s: SandboxState) {
  app.post('/rest/v1.0/webhooks/hooks', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const hook = body?.hook as Record<string, unknown> | undefined;
    const companyId = body?.company_id === undefined ? null : String(body.company_id);
    const projectId = body?.project_id === undefined ? null : String(body.project_id);
    if (!hook || typeof hook.destination_url !== 'string' || (companyId === null) === (projectId === null)) {
      return c.json({ errors: 'a hook needs hook.destination_url and one of company_id or project_id' }, 422);
    }
    const h = s.webhooks.createHook({ companyId, projectId }, hook);
    const auth = h.destinationHeaders.Authorization;
    return c.json(
      {
        id: h.id,
        api_version: h.apiVersion,
        destination_headers: auth === undefined ? {} : { Authorization: `*****${auth.slice(-5)}` },
        destination_url: h.destinationUrl,
        owned_by_company_id: companyId === null ? null : asNumber(companyId),
        owned_by_project_id: projectId === null ? null : asNumber(projectId),
        owned_by_user_id: 1_469_242,
        namespace: h.namespace,
      },
      201,
    );
  });
  // List Deliveries: each attempt with its outcome; filters[status] any, successful, discarded or failing.
  app.get('/rest/v1.0/webhooks/hooks/:id/deliveries', (c) => {
    const hook = s.webhooks.hooks.find((h) => String(h.id) === c.req.param('id'));
    if (!hook) return c.json({ errors: 'Not Found' }, 404);
    const wanted = { successful: 'ok', discarded: 'discarded', failing: 'retried' }[
      c.req.query('filters[status]') ?? 'any'
    ];
    const list = s.webhooks.deliveries.filter(
      (d) => d.hookId === hook.id && (wanted === undefined || d.outcome === wanted),
    );
    return c.json(
      list.map((d, i) => ({
        event: d.event,
        event_id: 5_000_000 + i,
        outcome: d.outcome,
        response_status: d.status,
        response_error: d.status === null ? 'connection failed or timed out' : null,
        response_body: null,
        response_headers: {},
        started_at: new Date(d.at).toISOString(),
        completed_at: new Date(d.at).toISOString(),
      })),
    );
  });
  app.post('/rest/v1.0/webhooks/hooks/:id/triggers', async (c) => {
    const hook = s.webhooks.hooks.find((h) => String(h.id) === c.req.param('id'));
    if (!hook) return c.json({ errors: 'Not Found' }, 404);
    const body = (await c.req.json().catch(() => null)) as { trigger?: Record<string, unknown> } | null;
    const t = body?.trigger;
    if (
      !t ||
      typeof t.resource_name !== 'string' ||
      !['create', 'update', 'delete'].includes(String(t.event_type))
    ) {
      return c.json({ errors: 'a trigger needs resource_name and event_type create, update or delete' }, 422);
    }
    const trigger = {
      id: 80_000 + hook.triggers.length + 1,
      resourceName: t.resource_name,
      eventType: String(t.event_type),
    };
    hook.triggers.push(trigger);
    return c.json(
      {
        id: trigger.id,
        webhook_hook_id: hook.id,
        resource_name: trigger.resourceName,
        resource_id: null,
        event_type: trigger.eventType,
        company_id: hook.companyId === null ? null : asNumber(hook.companyId),
        project_id: hook.projectId === null ? null : asNumber(hook.projectId),
        user_id: 1_469_242,
      },
      201,
    );
  });
}
