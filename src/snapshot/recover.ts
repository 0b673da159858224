/**
 * Start-up recovery: runs a killed process left 'running' are recorded as failed; hidden temporary files of
 * those runs are removed; a published file the registry does not know (a crash between rename and the
 * registry write) is removed too, because its run never completed. The current snapshot is always the
 * newest registered one, so none of this can change what is current.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { Store } from '../store/db.ts';
import { failInterruptedRuns, listSnapshots } from '../store/runs.ts';
import { isTemporarySnapshotFile, snapshotDir } from './paths.ts';

export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function recoverSnapshots(store: Store, dataDir: string, companyIds: string[], log: Logger) {
  const interrupted = failInterruptedRuns(store.db, processIsAlive);
  const removed: string[] = [];
  for (const companyId of companyIds) {
    const dir = snapshotDir(dataDir, companyId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    const registered = new Set(listSnapshots(store.db, companyId).map((s) => path.basename(s.path)));
    const running = new Set(
      store.sqlite
        .prepare("SELECT id FROM runs WHERE status = 'running'")
        .all()
        .map((r) => (r as { id: string }).id),
    );
    for (const name of names) {
      const orphanTemp = isTemporarySnapshotFile(name) && ![...running].some((id) => name.includes(id));
      const orphanPublished =
        /\.duckdb(\.wal)?$/.test(name) &&
        !name.startsWith('.') &&
        !registered.has(name.replace(/\.wal$/, ''));
      if (orphanTemp || orphanPublished) {
        await rm(path.join(dir, name), { force: true, recursive: true });
        removed.push(path.join(companyId, 'snapshots', name));
      }
    }
  }
  if (interrupted.length || removed.length) {
    log.warn(
      { interruptedRuns: interrupted.map((r) => r.id), removedFiles: removed },
      'recovered from an interrupted snapshot',
    );
  }
  return { interrupted, removed };
}
