/**
 * One way in for every action (DESIGN §7, STYLE.md): the API, the pages and the CLI parse input, call a domain
 * verb and render its result. This fails when a file under src/api, src/web or src/cli writes a domain table
 * itself — imports a table, a store function that writes one (or the audit log), withTransaction or
 * appendAudit, or carries write SQL — or decides a role by comparing its name instead of asking src/roles.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EDGES = ['src/api', 'src/web', 'src/cli'];

/** The tables people change through verbs (sessions, runs, snapshots and the outbox are not domain actions). */
const DOMAIN_TABLES = [
  'findings',
  'wipOverrides',
  'wipClosedPeriods',
  'users',
  'apiTokens',
  'jobAssignments',
  'proposals',
  'proposalAttempts',
  'auditLog',
];

/** Known exceptions, each with its reason; an entry that no longer matches anything fails the test. */
const ALLOWED: Record<string, string> = {
  'src/cli/commands/qbd.ts appendAudit':
    'tieout qbd qwc is the operator writing a Web Connector password into the QuickBooks store (a second database) and recording that it did; it acts as no person',
  'src/api/auth.ts touchToken':
    "recording a token's last use (at most hourly) is part of authenticating the request, not a person acting",
  'src/web/login.tsx upgradePasswordHash':
    'signing in re-hashes the same password with the current scrypt parameters: part of signing in, not a change of credential or a person acting on the books',
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** Exported functions of a module with their bodies (up to the next top-level declaration). */
function exportedFunctions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const starts = [...text.matchAll(/^export (?:async )?function (\w+)/gm)];
  const tops = [...text.matchAll(/^(?:export |async |function |const |class |interface |type )/gm)].map(
    (m) => m.index!,
  );
  for (const m of starts) {
    const end = tops.find((i) => i > m.index!) ?? text.length;
    out.set(m[1]!, text.slice(m.index!, end));
  }
  return out;
}

/** Store functions that write a domain table or the audit log, directly or through another such function. */
function storeWriters(modules: string[]): Set<string> {
  const bodies = new Map<string, string>();
  for (const text of modules) for (const [name, body] of exportedFunctions(text)) bodies.set(name, body);
  const table = DOMAIN_TABLES.join('|');
  const direct = new RegExp(`\\.(?:insert|update|delete)\\(\\s*(?:${table})\\b|\\bappendAudit\\(`);
  const writers = new Set(['withTransaction', 'appendAudit']);
  for (const [name, body] of bodies) if (direct.test(body)) writers.add(name);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, body] of bodies) {
      if (writers.has(name)) continue;
      if ([...writers].some((w) => new RegExp(`\\b${w}\\(`).test(body.replace(/^export .*?\(/, '')))) {
        writers.add(name);
        grew = true;
      }
    }
  }
  return writers;
}

/** Static `import { a } from 'x'` and, inside a CLI action (the CLI loads its work lazily), `const { a } = await import('x')`. */
const IMPORT =
  /(?:import\s+(type\s+)?|const\s+)\{([^}]*)\}\s*(?:from\s*|=\s*await\s+import\(\s*)['"]([^'"]+)['"]/g;

/** What an edge file does that only a verb may do. */
function edgeViolations(text: string, writers: Set<string>): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[1] || !/\/store\//.test(m[3]!)) continue;
    for (const spec of m[2]!.split(',')) {
      const s = spec.trim();
      if (!s || s.startsWith('type ')) continue;
      const name = s.split(/\s+as\s+/)[0]!;
      if (writers.has(name) || DOMAIN_TABLES.includes(name)) found.push(name);
    }
  }
  for (const m of text.matchAll(/\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/gi)) found.push(m[1]!);
  const role =
    /\brole\s*[!=]==?\s*['"`]|[!=]==?\s*['"`](?:viewer|pm|approver|admin)['"`]|['"`](?:viewer|pm|approver|admin)['"`]\s*[!=]==?|\bcase\s+['"`](?:viewer|pm|approver|admin)['"`]/g;
  for (const m of text.matchAll(role)) found.push(`role compared: ${m[0]}`);
  return found;
}

describe('the API, the pages and the CLI only call verbs', () => {
  const storeTexts = files(path.join(ROOT, 'src/store')).map((f) => readFileSync(f, 'utf8'));
  const writers = storeWriters(storeTexts);

  it('finds the store functions that write (the check can see what it forbids)', () => {
    for (const w of ['withTransaction', 'appendAudit', 'insertProposal', 'updateProposal', 'setPassword']) {
      expect(writers).toContain(w);
    }
    // Reads are not writers.
    expect(writers).not.toContain('listFindings');
    expect(writers).not.toContain('auditHead');
  });

  it('no file of src/api, src/web or src/cli writes a domain table or compares a role name', () => {
    const violations: string[] = [];
    const used = new Set<string>();
    for (const edge of EDGES) {
      for (const file of files(path.join(ROOT, edge))) {
        for (const v of edgeViolations(readFileSync(file, 'utf8'), writers)) {
          const key = `${rel(file)} ${v}`;
          if (ALLOWED[key]) used.add(key);
          else violations.push(key);
        }
      }
    }
    expect(violations).toEqual([]);
    expect(Object.keys(ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });

  it('flags each kind of bypass (the check itself can fail)', () => {
    const writersHere = storeWriters([
      "export function markDone(db) {\n  db.update(findings).set({ status: 'x' }).run();\n}\n",
      'export function markTwice(db) {\n  markDone(db);\n}\n',
      'export function readOnly(db) {\n  return db.select().from(findings).all();\n}\n',
    ]);
    expect([...writersHere].sort()).toEqual(['appendAudit', 'markDone', 'markTwice', 'withTransaction']);
    const edge = [
      "import { markTwice, readOnly } from '../store/findings.ts';",
      "import { findings, FINDING_STATUSES } from '../store/schema/findings.ts';",
      "import type { withTransaction } from '../store/db.ts';",
      "const { withTransaction } = await import('../store/db.ts');",
      "const sql = 'UPDATE findings SET status = 1';",
      "if (user.role === 'approver') show();",
      "const ok = 'admin' !== p.role;",
    ].join('\n');
    expect(edgeViolations(edge, writersHere)).toEqual([
      'markTwice',
      'findings',
      'withTransaction',
      'UPDATE findings SET',
      "role compared: role === '",
      "role compared: 'admin' !==",
    ]);
  });
});
