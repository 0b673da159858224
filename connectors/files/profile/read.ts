/**
 * Reads a folder of an ERP's standard report exports through a profile into canonical records. Problems of
 * the whole folder (a required export missing, a heading row without the profile's columns) fail the side;
 * problems of one row (a wrong date format, an undeclared total row, a code the profile does not translate)
 * reject that row with the file, sheet, row and column and what the profile expected there.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Dec } from '../../canonical/money.ts';
import { type CanonicalTableName, TABLE_NAMES, TABLES } from '../../canonical/tables.ts';
import { SourceError, type SourceRecord } from '../../contract.ts';
import { type Grid, readGrid } from './grid.ts';
import type { ColumnMapping, ExportSpec, Profile, RowTest, TableMapping } from './schema.ts';
import { CellError, toCanonical } from './values.ts';

/** Headings are compared without regard to case, spaces or punctuation ("Job #" = "job#" = "JOB"). */
export const headingKey = (h: string) => h.toLowerCase().replace(/[^a-z0-9#%]/g, '');

export interface Mapped {
  from?: string[];
  join?: (string | string[])[];
  separator: string;
  value?: string;
  values?: Record<string, string>;
  otherwise?: string;
  default?: string;
  negate?: boolean;
  signFrom?: { column: string; negative: string[]; positive: string };
  month?: boolean;
  fraction?: boolean;
  maxLength?: number;
  sum?: boolean;
  lineNumberWithin?: string;
}

export function mapped(m: ColumnMapping): Mapped {
  if (typeof m === 'string') return { from: [m], separator: '/' };
  return { ...m, from: m.from === undefined ? undefined : Array.isArray(m.from) ? m.from : [m.from] };
}

/** The headings a mapping reads. */
export function headingsOf(m: Mapped): string[] {
  return m.from ?? (m.join ?? []).flat();
}

/** Files of a folder matching an export's patterns, sorted by name. */
export async function exportFiles(dir: string, spec: ExportSpec): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => /\.(csv|xlsx)$/i.test(n));
  const patterns = spec.files.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      ),
  );
  return names
    .filter((n) => patterns.some((re) => re.test(n)))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Headings a table mapping cannot do without: those of required canonical columns without a default. */
function requiredHeadings(t: TableMapping): string[][] {
  const out: string[][] = [];
  for (const c of TABLES[t.table].columns) {
    const m = t.columns[c.name];
    if (!m || !c.required) continue;
    const mm = mapped(m);
    if (mm.default !== undefined) continue;
    if (mm.from) out.push(mm.from);
    for (const h of mm.join ?? []) out.push(Array.isArray(h) ? h : [h]);
  }
  for (const w of t.where ?? []) out.push([w.column]);
  return out;
}

interface Located {
  file: string;
  sheet?: string;
  headerRow: number;
  /** heading key → column index */
  columns: Map<string, number>;
  rows: { line: number; cells: string[] }[];
}

function findHeader(grid: Grid, spec: ExportSpec, file: string, profile: Profile): Located {
  const needed = spec.tables.flatMap(requiredHeadings);
  const name = path.basename(file);
  let best: { row: number; missing: string[][] } | undefined;
  for (let i = 0; i < Math.min(grid.rows.length, 30); i++) {
    const keys = new Map<string, number>();
    grid.rows[i]!.forEach((h, at) => {
      const k = headingKey(h ?? '');
      if (k && !keys.has(k)) keys.set(k, at);
    });
    const missing = needed.filter((alts) => !alts.some((a) => keys.has(headingKey(a))));
    if (missing.length === 0) {
      return {
        file: name,
        sheet: grid.sheet,
        headerRow: i + 1,
        columns: keys,
        rows: grid.rows.slice(i + 1).map((cells, j) => ({ line: i + 2 + j, cells })),
      };
    }
    if (keys.size > 0 && (!best || missing.length < best.missing.length)) best = { row: i + 1, missing };
  }
  const where = grid.sheet ? `${name} (sheet "${grid.sheet}")` : name;
  const list = (best?.missing ?? needed).map((alts) => alts.map((a) => `"${a}"`).join(' or ')).join(', ');
  throw new SourceError(
    'export_headings',
    best
      ? `${where} row ${best.row}: the heading row lacks ${list}; the ${profile.system} profile "${profile.name}" reads "${spec.report}" with these columns`
      : `${where}: no heading row in its first 30 rows; the ${profile.system} profile "${profile.name}" expects "${spec.report}" with ${list}`,
  );
}

function cell(loc: Located, cells: string[], heading: string): string | undefined {
  const at = loc.columns.get(headingKey(heading));
  return at === undefined ? undefined : (cells[at] ?? '').trim();
}

function passes(loc: Located, cells: string[], t: RowTest): boolean {
  const v = cell(loc, cells, t.column) ?? '';
  if (t.present !== undefined) return (v !== '') === t.present;
  if (t.in) return t.in.some((x) => x.toLowerCase() === v.toLowerCase());
  return new RegExp(t.matches!, 'i').test(v);
}

interface Pending {
  key?: string;
  record: SourceRecord;
  sums: Map<string, Dec>;
}

/** Collects every table's records across all exports of a folder. */
export async function readWithProfile(
  dir: string,
  profile: Profile,
): Promise<Map<CanonicalTableName, SourceRecord[]>> {
  const out = new Map<CanonicalTableName, Pending[]>();
  const groups = new Map<string, Pending>();
  const lineCounters = new Map<string, number>();
  for (const spec of profile.exports) {
    const files = await exportFiles(dir, spec);
    if (files.length === 0 && spec.required) {
      throw new SourceError(
        'export_missing',
        `${dir} has no export of "${spec.report}" (a file named ${spec.files.join(' or ')}); the ${profile.system} profile "${profile.name}" needs it${spec.source ? `: run ${spec.source}` : ''}`,
      );
    }
    for (const file of files) {
      const loc = findHeader(await readGrid(file, spec.sheet), spec, file, profile);
      const at = (line: number, heading?: string) =>
        `${loc.file}${loc.sheet ? ` sheet "${loc.sheet}"` : ''} row ${line}${heading ? ` column "${heading}"` : ''}`;
      for (const { line, cells } of loc.rows) {
        if (cells.every((c) => (c ?? '').trim() === '')) continue;
        if (spec.skip.some((t) => passes(loc, cells, t))) continue;
        for (const t of spec.tables) {
          if (!(t.where ?? []).every((w) => passes(loc, cells, w))) continue;
          const list = out.get(t.table) ?? [];
          out.set(t.table, list);
          const built = buildRecord(t, loc, cells, line, at, profile, spec, lineCounters);
          if (!t.group || !built.record.ok) {
            list.push(built);
            continue;
          }
          const key = `${t.table}|${TABLES[t.table].key.map((k) => (built.record as { values: Record<string, unknown> }).values[k]).join('|')}`;
          const known = groups.get(key);
          if (!known) {
            groups.set(key, built);
            list.push(built);
            continue;
          }
          for (const [col, v] of built.sums) known.sums.set(col, (known.sums.get(col) ?? new Dec(0)).plus(v));
        }
      }
    }
  }
  const result = new Map<CanonicalTableName, SourceRecord[]>();
  for (const table of TABLE_NAMES) {
    const list = out.get(table);
    if (!list) continue;
    result.set(
      table,
      list.map((p) => {
        if (!p.record.ok) return p.record;
        for (const [col, v] of p.sums) p.record.values[col] = v.toFixed(2);
        return p.record;
      }),
    );
  }
  return result;
}

function buildRecord(
  t: TableMapping,
  loc: Located,
  cells: string[],
  line: number,
  at: (line: number, heading?: string) => string,
  profile: Profile,
  spec: ExportSpec,
  lineCounters: Map<string, number>,
): Pending {
  const values: Record<string, string | null> = {};
  const headingOf: Record<string, string> = {};
  const sums = new Map<string, Dec>();
  const specs = new Map(TABLES[t.table].columns.map((c) => [c.name, c]));
  const later: [string, Mapped][] = [];
  try {
    for (const [name, raw] of Object.entries(t.columns)) {
      const m = mapped(raw);
      if (m.lineNumberWithin) {
        later.push([name, m]);
        continue;
      }
      const col = specs.get(name)!;
      let text: string | undefined;
      if (m.value !== undefined) text = m.value;
      else if (m.join) {
        const parts = m.join.map((h) =>
          Array.isArray(h)
            ? (h.map((a) => cell(loc, cells, a) ?? '').find((v) => v !== '') ?? '')
            : (cell(loc, cells, h) ?? ''),
        );
        headingOf[name] = m.join.map((h) => (Array.isArray(h) ? h.join(' or ') : h)).join(' + ');
        text = parts.some((p) => p === '') ? '' : parts.join(m.separator);
      } else {
        const h = m.from!.find((a) => loc.columns.has(headingKey(a)));
        headingOf[name] = h ?? m.from![0]!;
        text = h === undefined ? undefined : cell(loc, cells, h);
      }
      if ((text === undefined || text === '') && m.default !== undefined) text = m.default;
      if (text === undefined || text === '') {
        values[name] = null;
        continue;
      }
      if (m.values) {
        const hit = Object.entries(m.values).find(([k]) => k.toLowerCase() === text!.toLowerCase());
        if (hit) text = hit[1];
        else if (m.otherwise !== undefined) text = m.otherwise;
        else if (col.kind.type === 'enum') {
          throw new CellError(
            `${at(line, headingOf[name])}: "${text}" is not one of ${Object.keys(m.values)
              .map((k) => `"${k}"`)
              .join(', ')}, the values the profile translates into ${t.table}.${name}`,
          );
        }
      }
      const credit =
        m.signFrom?.negative.some(
          (n) => n.toLowerCase() === (cell(loc, cells, m.signFrom!.column) ?? '').toLowerCase(),
        ) ?? false;
      try {
        values[name] = toCanonical(text, col.kind, profile.formats, {
          ...m,
          negate: Boolean(m.negate) !== credit,
        });
      } catch (e) {
        if (e instanceof CellError) throw new CellError(`${at(line, headingOf[name])}: ${e.message}`);
        throw e;
      }
      if (m.sum && t.group && (col.kind.type === 'money' || col.kind.type === 'percent')) {
        sums.set(name, new Dec(values[name]!));
      }
    }
    for (const c of TABLES[t.table].columns) {
      const summed = t.group && t.columns[c.name] && mapped(t.columns[c.name]!).sum;
      if (c.required && c.name in values && values[c.name] === null && !summed) {
        throw new CellError(
          `${at(line, headingOf[c.name])} is empty, but every ${t.table} record needs ${c.name} from it (a total or subtotal row? the profile can skip such rows)`,
        );
      }
    }
    for (const [name, m] of later) {
      const doc = `${t.table}|${values[m.lineNumberWithin!] ?? ''}`;
      const n = (lineCounters.get(doc) ?? 0) + 1;
      lineCounters.set(doc, n);
      values[name] = String(n);
    }
  } catch (e) {
    if (!(e instanceof CellError)) throw e;
    const message = e.message.startsWith(loc.file) ? e.message : `${at(line)}: ${e.message}`;
    return {
      record: { ok: false, sourceRef: at(line), reason: `${message} (${spec.report})`, raw: cells },
      sums,
    };
  }
  return {
    record: {
      ok: true,
      values,
      sourceRef: at(line),
      locate: (field) => at(line, headingOf[field] ?? field),
      raw: cells,
    },
    sums,
  };
}
