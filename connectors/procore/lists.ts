/**
 * How the lists of one company are read: in full, as changes merged into the items kept in the state
 * (`filters[updated_at]` window, deletions dropped), or replayed from the state without calling Procore: an
 * inactive project between full sweeps, or, with webhooks, a project no event has named since the last run. Line items are fetched only for changed parents.
 */
import type { ProcoreHttp } from './http.ts';
import { type ListedItem, type Query, readList } from './paginate.ts';
import { idOf, type ProcoreState } from './state.ts';

export type ProjectMode = 'changes' | 'full' | 'replay';

export class ListReader {
  private mode: ProjectMode = 'full';
  private recording: Record<string, ListedItem[]> | null = null;
  private replaying: Record<string, ListedItem[]> | null = null;

  constructor(
    private readonly http: ProcoreHttp,
    private readonly perPage: number,
    private readonly previous: ProcoreState | null,
    private readonly next: ProcoreState,
    /** `since...until` of an incremental run; undefined when the run reads in full. */
    private readonly window: string | undefined,
  ) {}

  /**
   * Decides how a project is read. Inactive projects, and with webhooks every project, are recorded so a
   * later run can replay them: an inactive one until the next sweep, an active one while no event names it.
   * `signal` is what the webhook inbox says of the project, undefined when the run has no inbox to trust.
   */
  beginProject(pid: string, inactive: boolean, signal?: 'quiet' | 'changed' | 'deleted'): ProjectMode {
    const cached = this.previous?.inactiveProjects[pid];
    if (!this.window) this.mode = 'full';
    else if (inactive) this.mode = cached ? 'replay' : 'full';
    else if (signal === 'deleted') this.mode = 'full';
    else if (signal === 'quiet' && cached) this.mode = 'replay';
    else this.mode = 'changes';
    this.replaying = this.mode === 'replay' ? (cached ?? null) : null;
    // A replayed project is carried into the next state as it was; recording it would store nothing.
    this.recording = (inactive || signal !== undefined) && this.mode !== 'replay' ? {} : null;
    if (this.mode === 'replay' && cached) this.next.inactiveProjects[pid] = cached;
    return this.mode;
  }

  endProject(pid: string): void {
    if (this.recording) this.next.inactiveProjects[pid] = this.recording;
    this.recording = null;
    this.replaying = null;
    this.mode = 'full';
  }

  /** A list read in full or as changes merged into the stored items; returns all items and the changed ids. */
  async incremental(
    key: string,
    path: string,
    query: Query,
    tool: string,
    projectId: string,
    opts: { includeDeleted?: boolean; paginated?: boolean } = {},
  ): Promise<{ items: ListedItem[]; changed: Set<string> }> {
    const stored = this.previous?.lists[key];
    const merged: Record<string, ListedItem> = {};
    const changed = new Set<string>();
    if (this.mode === 'changes' && this.window && stored) {
      Object.assign(merged, stored);
      const q: Query = { ...query, 'filters[updated_at]': this.window };
      if (opts.includeDeleted) q['filters[include_deleted]'] = 'with';
      for (const item of await this.list(path, q, tool, projectId, opts.paginated)) {
        const id = idOf(item);
        changed.add(id);
        if ((item.item as { deleted_at?: unknown }).deleted_at) delete merged[id];
        else merged[id] = item;
      }
    } else {
      for (const item of await this.list(path, query, tool, projectId, opts.paginated)) {
        if ((item.item as { deleted_at?: unknown }).deleted_at) continue;
        merged[idOf(item)] = item;
        changed.add(idOf(item));
      }
    }
    this.next.lists[key] = merged;
    const items = Object.values(merged);
    // A replay must see the whole list, not the window's changes the call above recorded.
    if (projectId && this.recording) this.recording[replayKey(path, query)] = items;
    return { items, changed };
  }

  /** Line items per parent: fetched for changed (or new) parents, reused from the state for the others. */
  async lines(
    key: string,
    parents: { items: ListedItem[]; changed: Set<string> },
    pathOf: (id: string) => string,
    query: Query,
    tool: string,
    projectId: string,
  ): Promise<Map<string, ListedItem[]>> {
    const stored = this.previous?.lines[key] ?? {};
    const out = new Map<string, ListedItem[]>();
    const keep: Record<string, ListedItem[]> = {};
    for (const parent of parents.items) {
      const id = idOf(parent);
      const cached = parents.changed.has(id) ? undefined : stored[id];
      const items = cached ?? (await this.list(pathOf(id), query, tool, projectId));
      out.set(id, items);
      keep[id] = items;
      if (this.recording) this.recording[replayKey(pathOf(id), query)] = items;
    }
    this.next.lines[key] = keep;
    return out;
  }

  async list(path: string, query: Query, tool: string, projectId?: string, paginated = true) {
    const key = replayKey(path, query);
    if (projectId && this.replaying) return this.replaying[key] ?? [];
    const items = await readList(this.http, path, query, {
      tool,
      projectId,
      paginated,
      perPage: this.perPage,
    });
    if (projectId && this.recording) this.recording[key] = items;
    return items;
  }
}

/** A list's key in a recorded project: its path and query without filters. */
function replayKey(path: string, query: Query): string {
  return `${path}?${Object.entries(query)
    .filter(([k]) => !k.startsWith('filters['))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
}
