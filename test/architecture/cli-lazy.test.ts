/**
 * The command line starts light: `src/cli/main.ts` declares every command, and each command loads its work
 * (runtime, store, DuckDB, connectors, the API) with `await import(...)` inside its action. `tieout --help`,
 * a usage mistake and every test that spawns the CLI then pay only for what the command runs.
 *
 * This walks the static (value) imports from the entry, as Node loads them (type-only imports are erased),
 * and fails naming the chain that reaches a heavy module. Dynamic `import()` is not followed: it is the way
 * to load work when an action runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Packages the entry must not load before an action runs (each costs tenths of a second or more). */
const HEAVY_PACKAGES = [
  '@duckdb/node-api',
  '@duckdb/node-bindings',
  'better-sqlite3',
  'drizzle-orm',
  'mssql',
  'tedious',
  'hono',
  '@hono/node-server',
  '@hono/zod-openapi',
  '@hono/swagger-ui',
  'exceljs',
  'pdfkit',
  'nodemailer',
  'undici',
  'zod',
  'pino',
  'prom-client',
  'playwright-core',
];
/** Our own modules that pull in the configuration, every connector, the store or the server. */
const HEAVY_MODULES = [
  'src/runtime.ts',
  'src/config/schema.ts',
  'connectors/registry.ts',
  'src/store/db.ts',
  'src/api/app.ts',
];

/** The value imports of one file: relative ones resolved to repo paths, packages by name. */
function valueImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const node of source.statements) {
    let spec: string | undefined;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      spec = (node.moduleSpecifier as ts.StringLiteral).text;
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      if (node.isTypeOnly) continue;
      const clause = node.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly)) continue;
      spec = (node.moduleSpecifier as ts.StringLiteral).text;
    }
    if (spec === undefined) continue;
    if (spec.startsWith('.')) {
      out.push(path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)));
    } else if (!spec.startsWith('node:')) {
      const parts = spec.split('/');
      out.push(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return out;
}

/** Every heavy module the entry reaches through value imports, with the chain that reaches it. */
function heavyReached(entry: string, heavy = [...HEAVY_PACKAGES, ...HEAVY_MODULES]): string[] {
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  const found: string[] = [];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1]!;
    for (const dep of valueImports(file)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      const next = [...chain, dep];
      if (heavy.includes(dep)) {
        found.push(next.join(' → '));
        continue;
      }
      if (/\.(ts|tsx)$/.test(dep) && existsSync(path.join(ROOT, dep))) queue.push(next);
    }
  }
  return found;
}

describe('the command line starts light', () => {
  it('src/cli/main.ts reaches no heavy module before an action runs', () => {
    expect(heavyReached('src/cli/main.ts')).toEqual([]);
  });

  it('reading the configuration loads connector schemas, not connectors (DuckDB, mssql, HTTP)', () => {
    const implementations = [
      'connectors/registry.ts',
      '@duckdb/node-api',
      'mssql',
      'tedious',
      'undici',
      'better-sqlite3',
    ];
    expect(heavyReached('src/config/schema.ts', implementations)).toEqual([]);
    expect(heavyReached('src/config/load.ts', implementations)).toEqual([]);
  });

  it('a configured install does not load the demo generator to open its runtime', () => {
    expect(heavyReached('src/runtime.ts', ['src/demo/runtime-config.ts'])).toEqual([]);
  });

  it('bin/tieout.js loads main only (through tsx)', () => {
    const bin = readFileSync(path.join(ROOT, 'bin/tieout.js'), 'utf8');
    expect(bin).toMatch(/import\('\.\.\/src\/cli\/main\.ts'\)/);
  });

  it('the walk finds heavy modules where they are (the check itself can fail)', () => {
    // runtime.ts opens the store and reads the configuration: both heavy, reached statically.
    const reached = heavyReached('src/runtime.ts');
    expect(reached.some((c) => c.endsWith('src/config/schema.ts'))).toBe(true);
    expect(reached.some((c) => c.endsWith('drizzle-orm'))).toBe(true);
  });
});
