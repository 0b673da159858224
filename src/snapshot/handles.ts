/**
 * Open read-only DuckDB instances of published snapshot files, one per file for the whole process: the API,
 * the pages and the WIP computation all read through here instead of opening the file per request. A handle
 * is closed when a newer snapshot of its company is published (`retireOlder`, once no one is reading it), when
 * more than KEEP_OPEN idle handles are open (least recently used first), or when its data directory's runtime
 * closes. Published files never change, so a handle never serves stale data.
 */
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDuckDb } from '../../connectors/canonical/duckdb.ts';

const KEEP_OPEN = 8;

interface Handle {
  pending: Promise<DuckDBInstance>;
  companyId: string | null;
  readers: number;
  retired: boolean;
}

const handles = new Map<string, Handle>();

/** The files open now. */
export function openSnapshotFiles(): string[] {
  return [...handles.keys()];
}

function close(file: string, handle: Handle): void {
  if (handles.get(file) === handle) handles.delete(file);
  handle.pending.then(
    (i) => i.closeSync(),
    () => undefined,
  );
}

function trim(): void {
  for (const [file, h] of handles) {
    if (handles.size <= KEEP_OPEN) break;
    if (h.readers === 0) close(file, h);
  }
}

/**
 * Runs `fn` with a connection to the snapshot file (opened once, read-only). Opening errors are thrown as
 * DuckDB gives them; the caller words them.
 */
export async function withSnapshotFile<T>(
  file: string,
  fn: (con: DuckDBConnection) => Promise<T>,
  options: { companyId?: string; threads?: number } = {},
): Promise<T> {
  let handle = handles.get(file);
  if (handle?.retired) handle = undefined;
  if (handle) {
    handles.delete(file); // re-inserted last: most recently used
  } else {
    const pending = openDuckDb(file, { readOnly: true, threads: options.threads });
    handle = { pending, companyId: options.companyId ?? null, readers: 0, retired: false };
    const opened = handle;
    pending.catch(() => {
      if (handles.get(file) === opened) handles.delete(file);
    });
  }
  handles.set(file, handle);
  handle.readers++;
  try {
    const instance = await handle.pending;
    const con = await instance.connect();
    try {
      return await fn(con);
    } finally {
      con.closeSync();
    }
  } finally {
    handle.readers--;
    if (handle.retired && handle.readers === 0) close(file, handle);
    trim();
  }
}

/** A newer snapshot of the company is published: its older files' handles close once their readers finish. */
export function retireOlder(companyId: string, currentFile: string): void {
  for (const [file, h] of handles) {
    if (h.companyId !== companyId || file === currentFile) continue;
    h.retired = true;
    if (h.readers === 0) close(file, h);
  }
}

/** Closes every handle of files under a data directory (its runtime closes). */
export function closeSnapshotHandles(dataDir: string): void {
  const root = path.resolve(dataDir) + path.sep;
  for (const [file, h] of handles) if (path.resolve(file).startsWith(root)) close(file, h);
}
