/**
 * Company reports (WIP, completed contracts, fade, the surety PDF) as rendered, kept for repeat requests.
 * A company report depends on the snapshot and on what the store holds (WIP overrides, closed periods and
 * their pinned snapshots, the current snapshot), so each is keyed by the store's generation (store-reads.ts):
 * any write to the store, an override or a close included, and the next request renders afresh. The key also
 * holds every request input: company, kind, format, as-of date and who it is prepared by. Few are kept (a
 * surety PDF of 2,000 jobs is about a megabyte); failures are not kept.
 */
import type { RenderedReport } from '../reports/render.ts';
import type { Store } from '../store/db.ts';
import { storeReads } from './store-reads.ts';

const KEEP = 16;

export class RenderedReports<T = RenderedReport> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly store: Store) {}

  get(inputs: string[], render: () => Promise<T>): Promise<T> {
    const key = [storeReads(this.store).generation(), ...inputs].join('\u0000');
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const pending = render();
    this.kept.set(key, pending);
    pending.catch(() => this.kept.delete(key));
    while (this.kept.size > KEEP) this.kept.delete(this.kept.keys().next().value as string);
    return pending;
  }
}
