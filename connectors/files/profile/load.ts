/**
 * Finding and validating profiles: a built-in name ("vista") or a path to a customer's own JSON file.
 * A mistake in a profile fails with the file and the JSON path of the mistake, before any export is read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceError } from '../../contract.ts';
import { type Profile, profileSchema } from './schema.ts';

const BUILTIN_DIR = fileURLToPath(new URL('../profiles/', import.meta.url));

export function builtinProfileNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function isProfilePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.endsWith('.json');
}

export function parseProfile(text: string, where: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SourceError('profile_invalid', `${where} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.length ? i.path.join('.') : '(profile)'}: ${i.message}`)
      .join('; ');
    throw new SourceError('profile_invalid', `${where} is not a valid export profile: ${issues}`);
  }
  return parsed.data;
}

/** A built-in profile by name, or a profile file (relative paths resolve against `baseDir`). */
export function loadProfile(ref: string, baseDir = process.cwd()): Profile {
  if (!isProfilePath(ref)) {
    const names = builtinProfileNames();
    if (!names.includes(ref)) {
      throw new SourceError(
        'profile_unknown',
        `no built-in export profile "${ref}"; built-in: ${names.join(', ')} (or give the path of a profile .json file)`,
      );
    }
    return parseProfile(readFileSync(path.join(BUILTIN_DIR, `${ref}.json`), 'utf8'), `profile ${ref}`);
  }
  const file = path.resolve(baseDir, ref);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourceError(
      'profile_missing',
      `the export profile ${file} cannot be read: ${(e as Error).message}`,
    );
  }
  return parseProfile(text, path.basename(file));
}
