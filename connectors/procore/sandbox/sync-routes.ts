/**
 * The sandbox's `/sync` actions — vendors, projects, commitments, cost codes and direct costs — in one
 * implementation, as official-docs/tutorials/using_sync_actions.md describes them: always
 * HTTP 200 with `entities` (the Show view of each created or updated record) and `errors` (the item as sent
 * plus an `errors` hash); at most 1,000 items; an item is matched by `id` (not found = error; `id` with
 * `origin_id` is the only way to change an origin_id), else by `origin_id` (found = update, not found =
 * create), else created; origin ids are unique within the collection. Every create and update is logged in
 * `writes`, so tests can prove exactly once.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { SandboxState } from './app.ts';
import type { SandboxRecord } from './data.ts';

export interface SyncWrite {
  path: string;
  collection: string;
  action: 'created' | 'updated';
  id: string;
  originId: string | null;
  at: string;
}

type App = Hono<{ Bindings: HttpBindings }>;
type C = Context<{ Bindings: HttpBindings }>;
type Item = Record<string, unknown>;

const MAX_ITEMS = 1000;

export function registerSyncRoutes(app: App, s: SandboxState): void {
  let nextId = 7_000_000_000;
  const newId = () => String(++nextId);

  app.patch('/rest/v1.0/vendors/sync', (c) =>
    sync(c, s, ['vendors', 'vendors_inactive'], { newId, createAllowed: true, noun: 'vendor' }),
  );
  app.patch('/rest/v1.0/projects/sync', (c) =>
    sync(c, s, ['projects'], { newId, createAllowed: true, noun: 'project' }),
  );
  for (const kind of ['work_order_contracts', 'purchase_order_contracts']) {
    app.patch(`/rest/v1.0/${kind}/sync`, (c) =>
      sync(c, s, [`${kind}:${c.req.query('project_id') ?? ''}`], { newId, createAllowed: false }),
    );
  }
  app.patch('/rest/v1.0/cost_codes/sync', (c) => {
    const key = `cost_codes:${c.req.query('project_id') ?? ''}`;
    return sync(c, s, [key], {
      newId,
      createAllowed: true,
      noun: 'cost code',
      validate: (item, found): Record<string, string[]> | null => {
        if (found) return null;
        if (typeof item.code !== 'string' || !item.code) return { code: ['is required when creating'] };
        if (item.parent_id != null && !s.data.find(key, String(item.parent_id)))
          return { parent_id: ['is not a cost code of this project'] };
        return null;
      },
      shape: (item) => {
        const parent = item.parent_id == null ? undefined : s.data.find(key, String(item.parent_id));
        const prefix = parent ? `${String(parent.body.full_code ?? parent.body.code)}-` : '';
        return {
          ...item,
          ...(typeof item.code === 'string' ? { full_code: `${prefix}${item.code}` } : {}),
          biller_type: 'Project',
          biller_id: Number(c.req.query('project_id')),
        };
      },
    });
  });
  app.patch('/rest/v1.0/projects/:pid/direct_costs/sync', (c) =>
    sync(c, s, [`direct_costs:${c.req.param('pid')}`], {
      newId,
      createAllowed: true,
      validate: (item, found) =>
        !found && !item.direct_cost_type ? { direct_cost_type: ['is required when creating'] } : null,
    }),
  );
  app.patch('/rest/v1.0/projects/:pid/direct_costs/line_items/sync', (c) => {
    const pid = c.req.param('pid');
    return sync(c, s, [`direct_cost_lines:${pid}`], {
      newId,
      createAllowed: true,
      validate: (item, found): Record<string, string[]> | null => {
        if (found) return null;
        const header = s.data.find(`direct_costs:${pid}`, String(item.direct_cost_id ?? ''));
        if (!header) return { direct_cost_id: ['must name a direct cost of this project'] };
        if (!s.data.find(`cost_codes:${pid}`, String(item.cost_code_id ?? '')))
          return { cost_code_id: ['is not a cost code of this project'] };
        return null;
      },
      shape: (item) => {
        const code = s.data.find(`cost_codes:${pid}`, String(item.cost_code_id));
        const type = s.data.find('line_item_types', String(item.line_item_type_id));
        const { cost_code_id: _c, line_item_type_id: _t, ...rest } = item;
        return {
          ...rest,
          amount: item.amount === undefined ? undefined : String(item.amount),
          holder: { id: Number(item.direct_cost_id), holder_type: 'DirectCost' },
          cost_code: code
            ? {
                id: Number(code.id),
                code: code.body.code,
                full_code: code.body.full_code,
                name: code.body.name,
              }
            : null,
          line_item_type: type
            ? { id: Number(type.id), code: type.body.code, name: type.body.name, base_type: 'other' }
            : null,
        };
      },
    });
  });
}

interface SyncOptions {
  newId: () => string;
  createAllowed: boolean;
  /** How the not-found error names the record (Procore: "No vendor has this id value"). */
  noun?: string;
  validate?: (item: Item, found: SandboxRecord | undefined) => Record<string, string[]> | null;
  shape?: (item: Item) => Item;
}

async function sync(c: C, s: SandboxState, collections: string[], o: SyncOptions) {
  let body: { updates?: unknown };
  try {
    body = await c.req.json();
  } catch {
    return c.json({ errors: 'the request body is not JSON' }, 400);
  }
  if (!Array.isArray(body.updates)) return c.json({ errors: 'updates must be an array' }, 400);
  if (body.updates.length > MAX_ITEMS) {
    return c.json(
      { errors: `updates may hold at most ${MAX_ITEMS} items; send ${body.updates.length} in batches` },
      400,
    );
  }
  const at = new Date().toISOString();
  const entities: Item[] = [];
  const errors: Item[] = [];
  const all = () => collections.flatMap((k) => s.data.list(k).map((r) => ({ key: k, rec: r })));
  for (const raw of body.updates as Item[]) {
    const id = raw.id === undefined || raw.id === null ? null : String(raw.id);
    const originId = typeof raw.origin_id === 'string' ? raw.origin_id : null;
    let found: { key: string; rec: SandboxRecord } | undefined;
    if (id !== null) {
      found = all().find((x) => x.rec.id === id && !x.rec.deletedAt);
      if (!found) {
        errors.push({ ...raw, errors: { id: [`No ${o.noun ?? 'entity'} has this id value`] } });
        continue;
      }
    } else if (originId !== null) {
      found = all().find((x) => x.rec.body.origin_id === originId && !x.rec.deletedAt);
    }
    if (originId !== null && all().some((x) => x.rec.body.origin_id === originId && x.rec !== found?.rec)) {
      errors.push({ ...raw, errors: { origin_id: ['has already been taken'] } });
      continue;
    }
    if (!found && !o.createAllowed) {
      errors.push({ ...raw, errors: { id: ['is required: this sync only updates existing records'] } });
      continue;
    }
    const invalid = o.validate?.(raw, found?.rec);
    if (invalid) {
      errors.push({ ...raw, errors: invalid });
      continue;
    }
    const { id: _id, ...fields } = o.shape ? o.shape(raw) : raw;
    const key = found?.key ?? collections[0]!;
    let rec: SandboxRecord;
    if (found) {
      s.data.update(found.key, found.rec.id, stripUndefined(fields), at);
      rec = found.rec;
    } else {
      rec = s.data.add(key, o.newId(), stripUndefined(fields), at);
      if (fields.direct_cost_id !== undefined) rec.body.direct_cost_id = Number(fields.direct_cost_id);
      s.data.changed(rec, 'create');
    }
    s.writes.push({
      path: c.req.path,
      collection: key,
      action: found ? 'updated' : 'created',
      id: rec.id,
      originId,
      at,
    });
    entities.push(s.data.render(rec));
  }
  return c.json({ entities, errors }, 200);
}

function stripUndefined(o: Item): Item {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
