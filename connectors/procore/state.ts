/**
 * Incremental state kept between runs (opaque to tieout's core, saved only when a snapshot is published).
 * It holds the items of every incrementally read list, so a run that fetches only what changed still yields
 * complete tables: the stored items are merged with the changes, deleted ones removed.
 */
import { z } from 'zod';
import { SourceError } from '../contract.ts';
import type { ListedItem } from './paginate.ts';

const listedItem = z.object({ item: z.unknown(), call: z.string() });

const stateSchema = z.object({
  version: z.literal(1),
  companyId: z.string(),
  /** The run start of the last published run: the lower end of the next `updated_at` window. */
  lastSyncAt: z.string(),
  lastFullSweepAt: z.string(),
  budgetViews: z.record(z.string(), z.string()).default({}),
  /** list key (e.g. "work_order_contracts:123") → item id → item */
  lists: z.record(z.string(), z.record(z.string(), listedItem)).default({}),
  /** parent list key → parent id → its line items */
  lines: z.record(z.string(), z.record(z.string(), z.array(listedItem))).default({}),
  /**
   * Projects recorded for replay: every list as last read (incremental ones merged). Inactive (archived)
   * projects are replayed between full sweeps instead of calling Procore again; an inactive project changes
   * rarely, and the sweep re-reads it. With webhooks, active projects are recorded too and replayed while no
   * event names them.
   */
  inactiveProjects: z.record(z.string(), z.record(z.string(), z.array(listedItem))).default({}),
  /**
   * Set while the company takes webhooks: the start of the first run that had an inbox. A run trusts the
   * inbox only when the state it starts from already had one (events since that run were being kept).
   */
  webhooksSince: z.string().optional(),
});

export type ProcoreState = z.infer<typeof stateSchema>;

export function readState(raw: unknown, companyId: string): ProcoreState | null {
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success || parsed.data.companyId !== companyId) return null;
  return parsed.data;
}

export function emptyState(companyId: string, now: Date): ProcoreState {
  const at = now.toISOString();
  return {
    version: 1,
    companyId,
    lastSyncAt: at,
    lastFullSweepAt: at,
    budgetViews: {},
    lists: {},
    lines: {},
    inactiveProjects: {},
  };
}

/**
 * The id of a listed item. Ids become later paths and keys (a project's lists, a budget view's rows), so an
 * id that is not one fails the side naming the call, rather than reading "[object Object]" as an id.
 */
export function idOf(l: ListedItem): string {
  const id = (l.item as { id?: unknown }).id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id);
  throw new SourceError(
    'procore_bad_payload',
    `GET ${l.call}: an item's id is ${JSON.stringify(id) ?? 'missing'}, not a Procore id. Nothing was published; run again, and report it if it persists`,
  );
}
