/**
 * No write path bypasses approval, checked over the source: outside connectors, only the executor calls a
 * writer and only src/approvals/writers.ts obtains one from a connector. (The executor's own gate — only
 * approved proposals reach a writer — is tested in executor.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ALLOWED = new Set(['src/approvals/executor.ts', 'src/approvals/writers.ts']);
const CALLS_A_WRITER =
  /\b(?:connector|writer|conn|c)\s*\.\s*write\s*[!?]?\.?\s*\(|\.write\?\.\(|\.write!\(|connector\.write\b/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(full) ? [full] : [];
  });
}

describe('write paths', () => {
  it('only the approval executor calls a connector’s writer', () => {
    const offenders = ['src', 'reports']
      .flatMap((d) => files(path.join(ROOT, d)))
      .map((f) => path.relative(ROOT, f))
      .filter((rel) => !ALLOWED.has(rel))
      .filter((rel) => CALLS_A_WRITER.test(readFileSync(path.join(ROOT, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check does see the executor’s call (it is not vacuous)', () => {
    const executor = readFileSync(path.join(ROOT, 'src/approvals/executor.ts'), 'utf8');
    expect(CALLS_A_WRITER.test(executor)).toBe(true);
  });
});
