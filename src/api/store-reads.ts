/**
 * The store reads every API request makes (who holds this token, which snapshot is current, which jobs a pm
 * may see), kept in memory until anything at all is written to the store, by this process or any other.
 *
 * The store's generation is SQLite's own change counters: `PRAGMA data_version` moves when another connection
 * commits (a CLI `tieout users revoke`, a snapshot run in its own process), `total_changes()` when this
 * connection writes. Both are read on every request (two prepared statements, microseconds), so a revoked
 * token, a disabled user, a removed job assignment or a newly published snapshot takes effect on the very
 * next request. Token expiry is checked against the clock on every request, cached or not.
 */
import type { Statement } from 'better-sqlite3';
import type { Store } from '../store/db.ts';
import { currentSnapshot, type SnapshotRow } from '../store/runs.ts';
import { assignedJobs, sha256, tokenHolder, type UserRow } from '../store/users.ts';

const MAX_ENTRIES = 10_000;

export class StoreReads {
  private readonly dataVersion: Statement<[], number>;
  private readonly ownChanges: Statement<[], number>;
  private seen = '';
  private readonly kept = new Map<string, unknown>();

  constructor(private readonly store: Store) {
    this.dataVersion = store.sqlite.prepare<[], number>('PRAGMA data_version').pluck();
    this.ownChanges = store.sqlite.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** Changes whenever anything is committed to the store by any connection, or written by this one. */
  generation(): string {
    return `${this.dataVersion.get()}:${this.ownChanges.get()}`;
  }

  private read<T>(key: string, compute: () => T): T {
    const now = this.generation();
    if (now !== this.seen) {
      this.kept.clear();
      this.seen = now;
    }
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const value = compute();
    if (this.kept.size >= MAX_ENTRIES) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, value);
    return value;
  }

  /** The live user behind a bearer token, or null (unknown, revoked, expired, or user disabled). */
  userForToken(token: string, now = new Date().toISOString()): UserRow | null {
    return this.liveToken(token, now)?.user ?? null;
  }

  /** The live token and its user, or null. */
  liveToken(
    token: string,
    now = new Date().toISOString(),
  ): { tokenId: string; user: UserRow; lastUsedAt: string | null } | null {
    const hash = sha256(token);
    // Unknown tokens are not kept: guessing must not push real callers out.
    const holder = this.read(`token\u0000${hash}`, () => tokenHolder(this.store.db, hash));
    if (!holder) {
      this.kept.delete(`token\u0000${hash}`);
      return null;
    }
    if (holder.expiresAt && holder.expiresAt <= now) return null;
    return { tokenId: holder.tokenId, user: holder.user, lastUsedAt: holder.lastUsedAt };
  }

  currentSnapshot(companyId: string): SnapshotRow | undefined {
    return this.read(`snapshot\u0000${companyId}`, () => currentSnapshot(this.store.db, companyId));
  }

  /** The jobs assigned to a user in a company (a fresh set the caller may keep). */
  assignedJobs(userId: string, companyId: string): Set<string> {
    const jobs = this.read(`jobs\u0000${userId}\u0000${companyId}`, () =>
      assignedJobs(this.store.db, userId, companyId),
    );
    return new Set(jobs);
  }
}

const perStore = new WeakMap<Store, StoreReads>();

/** The one StoreReads of a store connection (its cache is only as good as the connection's counters). */
export function storeReads(store: Store): StoreReads {
  let reads = perStore.get(store);
  if (!reads) {
    reads = new StoreReads(store);
    perStore.set(store, reads);
  }
  return reads;
}
