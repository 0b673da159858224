/**
 * Sync actions as Procore documents them (official-docs/tutorials/using_sync_actions.md): up to 1,000
 * updates per call; each is found by `id` (only the id is used when both are given, the only way to change
 * an origin_id), else by `origin_id`, else created. Origin ids are unique within the company. The answer is
 * always 200 with `entities` (as the show action returns them) and `errors` (the input plus reasons).
 */
import type { SandboxData, SandboxRecord } from './data.ts';

export const SYNC_LIMIT = 1000;

export function syncAction(
  data: SandboxData,
  keys: string[],
  createKey: string,
  updates: Record<string, unknown>[],
  noun: string,
): { entities: unknown[]; errors: unknown[] } {
  const entities: unknown[] = [];
  const errors: unknown[] = [];
  const all = () => keys.flatMap((k) => data.list(k).map((r) => ({ key: k, rec: r })));
  for (const u of updates) {
    const id = u.id === undefined || u.id === null ? undefined : String(u.id);
    const originId = typeof u.origin_id === 'string' ? u.origin_id : undefined;
    let found: { key: string; rec: SandboxRecord } | undefined;
    if (id) {
      found = all().find((x) => x.rec.id === id && !x.rec.deletedAt);
      if (!found) {
        errors.push({ ...u, errors: { id: [`No ${noun} has this id value`] } });
        continue;
      }
    } else if (originId) {
      found = all().find((x) => x.rec.body.origin_id === originId && !x.rec.deletedAt);
    }
    if (originId && all().some((x) => x.rec.body.origin_id === originId && x.rec !== found?.rec)) {
      errors.push({ ...u, errors: { origin_id: ['has already been taken'] } });
      continue;
    }
    const { id: _ignored, ...changes } = u;
    if (found) {
      data.update(found.key, found.rec.id, changes);
      entities.push(data.render(found.rec));
    } else {
      const newId = String(Math.max(0, ...all().map((x) => Number(x.rec.id) || 0)) + 1);
      const rec = data.add(createKey, newId, changes, new Date().toISOString());
      entities.push(data.render(rec));
    }
  }
  return { entities, errors };
}
