/**
 * Retention: keep the newest N snapshots of a company plus every pinned one (period closes pin theirs);
 * delete the rest, file first, then the registry entry. A file that cannot be deleted is logged and kept.
 */
import { rm } from 'node:fs/promises';
import type { Logger } from '../log.ts';
import type { Store } from '../store/db.ts';
import { listSnapshots, markSnapshotDeleted } from '../store/runs.ts';
import { absoluteSnapshotPath } from './paths.ts';

export async function applyRetention(
  store: Store,
  dataDir: string,
  companyId: string,
  keepNightly: number,
  log: Logger,
): Promise<string[]> {
  const live = listSnapshots(store.db, companyId);
  const unpinned = live.filter((s) => !s.pinnedReason);
  const expired = unpinned.slice(keepNightly);
  const deleted: string[] = [];
  for (const s of expired) {
    try {
      await rm(absoluteSnapshotPath(dataDir, s.path), { force: true });
      markSnapshotDeleted(store.db, s.id);
      deleted.push(s.id);
    } catch (e) {
      log.warn({ snapshot: s.id, err: e }, 'could not delete an expired snapshot; kept');
    }
  }
  if (deleted.length) log.info({ companyId, deleted: deleted.length }, 'retention removed old snapshots');
  return deleted;
}
