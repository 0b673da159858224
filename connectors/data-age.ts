/**
 * How old a folder of exported files is: the export's own `exported_at` when the folder carries one
 * (`export.json`), else the newest file's modification time. Copying a folder can change modification
 * times; an export that states when it was made is the better witness, so it wins.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type DataAsOf, SourceError } from './contract.ts';

/** The optional file in an export folder that says when the export was made. */
export const EXPORT_MANIFEST = 'export.json';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The data age of an export folder. `files` are the data files read from it (absolute paths); at least one.
 * A malformed export.json fails the side, naming the file and what to write.
 */
export async function folderDataAsOf(dir: string, files: readonly string[]): Promise<DataAsOf> {
  const manifest = await readManifest(dir);
  if (manifest) return manifest;
  let newest: { file: string; at: Date } | undefined;
  for (const file of files) {
    const at = (await stat(file)).mtime;
    if (!newest || at > newest.at) newest = { file, at };
  }
  if (!newest) throw new Error(`folderDataAsOf(${dir}): no files`);
  return {
    at: newest.at,
    basis: 'file_modified',
    detail: `${path.basename(newest.file)}, the newest file in ${dir}, was modified ${newest.at.toISOString()}`,
  };
}

async function readManifest(dir: string): Promise<DataAsOf | null> {
  const file = path.join(dir, EXPORT_MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SourceError('files_export_manifest', `${file} cannot be read: ${(e as Error).message}`, {
      cause: e,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SourceError('files_export_manifest', `${file} is not JSON: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const value =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>).exported_at
      : undefined;
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new SourceError(
      'files_export_manifest',
      `${file}: "exported_at" must be the instant the export was made, with its zone, e.g. {"exported_at": "2026-11-30T02:00:00Z"}; found ${JSON.stringify(value ?? null)}`,
    );
  }
  return {
    at: new Date(value),
    basis: 'exported_at',
    detail: `${EXPORT_MANIFEST} in ${dir} says the export was made ${value}`,
  };
}
