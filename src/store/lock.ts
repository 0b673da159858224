/**
 * One process owns a data directory: `tieout serve`, or a writing CLI command while no server runs. The owner
 * holds `<data dir>/tieout.lock` (its pid and command); a second writer is refused with a message saying who
 * holds it and what to do instead. A lock left by a dead process is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { TieoutError } from '../../connectors/errors.ts';

export class DataDirLockedError extends TieoutError {
  constructor(
    readonly holder: { pid: number; command: string; since: string },
    dataDir: string,
  ) {
    super(
      'unavailable',
      'data_dir_locked',
      `${dataDir} is in use by "tieout ${holder.command}" (pid ${holder.pid}, since ${holder.since}). ` +
        (holder.command === 'serve'
          ? 'The server owns the data: use its API (e.g. POST /api/companies/{id}/snapshots) or stop it first.'
          : 'Wait for it to finish, or stop it.'),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'tieout.lock');
}

export function readLock(dataDir: string): { pid: number; command: string; since: string } | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFile(dataDir), 'utf8'));
    return alive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release); // a process that opens and closes many runtimes keeps no listeners
        try {
          const holder = JSON.parse(readFileSync(file, 'utf8'));
          if (holder.pid === process.pid) rmSync(file, { force: true });
        } catch {}
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid) throw new DataDirLockedError(holder, dataDir);
      rmSync(file, { force: true }); // left by a process that no longer runs
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
