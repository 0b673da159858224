/**
 * The three floors: connectors/ (ground) imports nothing from reports/ or src/; reports/ imports nothing from
 * src/. A relative import that climbs to a higher floor fails this test with the file and the import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FLOORS: Record<string, string[]> = { connectors: ['reports', 'src'], reports: ['src'] };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const IMPORT = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('import floors', () => {
  for (const [floor, forbidden] of Object.entries(FLOORS)) {
    it(`${floor}/ imports nothing from ${forbidden.join(' or ')}/`, () => {
      const violations: string[] = [];
      let dirExists = true;
      try {
        statSync(path.join(ROOT, floor));
      } catch {
        dirExists = false;
      }
      if (!dirExists) return;
      for (const file of sourceFiles(path.join(ROOT, floor))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(IMPORT)) {
          const spec = m[1] ?? m[2]!;
          if (!spec.startsWith('.')) continue;
          const target = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
          if (forbidden.includes(target)) violations.push(`${path.relative(ROOT, file)} imports ${spec}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('detects a violation (the check itself can fail)', () => {
    const text = "import { openStore } from '../../src/store/db.ts';";
    const [m] = [...text.matchAll(IMPORT)];
    expect(m?.[1]).toBe('../../src/store/db.ts');
  });
});
