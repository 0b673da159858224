/**
 * The inverse of a profile: a canonical side folder written as the system's report exports. Each export lists
 * the rows of its first table (detail tables joined to it on their shared column, one row per detail line);
 * codes are written as the system prints them (the first export value the profile translates to the
 * canonical value), amounts and dates in the profile's first format, titles above the heading row and a
 * total row below when the profile says the report prints them.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Dec } from '../../canonical/money.ts';
import { validateRow } from '../../canonical/schemas.ts';
import { type CanonicalTableName, TABLE_NAMES, TABLES } from '../../canonical/tables.ts';
import { readCsvTable } from '../connector.ts';
import { writeGrid } from './grid.ts';
import { type Mapped, mapped } from './read.ts';
import type { ExportSpec, Profile, TableMapping } from './schema.ts';
import { fromCanonical, parseAmount } from './values.ts';

export type Row = Record<string, string | null>;
export type Dataset = Partial<Record<CanonicalTableName, Row[]>>;

/** Reads a canonical side folder (every row validated; an invalid row is an error). */
export async function readDataset(dir: string): Promise<Dataset> {
  const { access } = await import('node:fs/promises');
  const out: Dataset = {};
  for (const table of TABLE_NAMES) {
    const file = path.join(dir, `${table}.csv`);
    try {
      await access(file);
    } catch {
      continue;
    }
    const rows: Row[] = [];
    for await (const r of readCsvTable(file, table)) {
      if (!r.ok) throw new Error(r.reason);
      const v = validateRow(table, r.values);
      if (!v.ok) throw new Error(`${r.sourceRef}: ${JSON.stringify(v.issues)}`);
      rows.push(v.row as Row);
    }
    out[table] = rows;
  }
  return out;
}

export interface RenderResult {
  files: { file: string; report: string; rows: number }[];
  /** Canonical rows no export of the profile carries, per table. */
  notCarried: Partial<Record<CanonicalTableName, number>>;
}

/**
 * Constants that route rows to exports: a column given different fixed values by different mappings of the
 * same table (subcontracts in one report, purchase orders in another). A column given one fixed value is
 * simply what every row of that system says (a system without billing statuses: all "posted").
 */
export function routingConstants(profile: Profile, table: CanonicalTableName): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const e of profile.exports)
    for (const t of e.tables)
      if (t.table === table)
        for (const [name, raw] of Object.entries(t.columns)) {
          const m = mapped(raw);
          if (m.value === undefined) continue;
          seen.set(name, (seen.get(name) ?? new Set()).add(m.value));
        }
  return new Set([...seen].filter(([, v]) => v.size > 1).map(([k]) => k));
}

/** Whether this mapping writes the canonical row: its routing constants match and every coded value has a code. */
export function carries(profile: Profile, t: TableMapping, row: Row): boolean {
  const routing = routingConstants(profile, t.table);
  return Object.entries(t.columns).every(([name, raw]) => {
    const m = mapped(raw);
    const value = row[name];
    // A system that has no column for it says the same of every record, except that it keeps no void ones.
    if (m.value !== undefined)
      return routing.has(name) ? value === m.value : value !== 'void' || m.value === 'void';
    if (!m.values || value === null || value === undefined) return true;
    // A code column keeps codes it does not translate (custom cost types); a status has to have a code.
    if (TABLES[t.table].columns.find((c) => c.name === name)?.kind.type !== 'enum') return true;
    return Object.values(m.values).includes(value) || m.otherwise === value;
  });
}

function exportValue(m: Mapped, value: string): string {
  if (!m.values) return value;
  const hit = Object.entries(m.values).find(([, canonical]) => canonical === value);
  return hit ? hit[0] : value;
}

/** The export's headings in the order they first appear in its mappings. */
export function exportHeadings(spec: ExportSpec): string[] {
  const seen = new Map<string, string>();
  const add = (h: string) => {
    const k = h.toLowerCase();
    if (!seen.has(k)) seen.set(k, h);
  };
  for (const t of spec.tables) {
    for (const raw of Object.values(t.columns)) {
      const m = mapped(raw);
      if (m.from) add(m.from[0]!);
      for (const part of m.join ?? []) add(Array.isArray(part) ? part[0]! : part);
      if (m.signFrom) add(m.signFrom.column);
    }
    for (const w of t.where ?? []) add(w.column);
  }
  return [...seen.values()];
}

interface FillOptions {
  /** Detail rows overwrite what their header wrote in a shared column (the line amount, not the total). */
  override: boolean;
  /** Later rows of a grouped header leave summed columns blank, so the sum on read is the header's figure. */
  sums: boolean;
}

function fill(cells: Map<string, string>, t: TableMapping, row: Row, profile: Profile, opts: FillOptions) {
  const specs = new Map(TABLES[t.table].columns.map((c) => [c.name, c]));
  // Where one export column fills several canonical columns, it shows the first one the mapping lists, plain
  // values before ids (a column that is both a job's id and its number shows the number).
  const entries = Object.entries(t.columns).sort(
    ([a], [b]) => Number(specs.get(a)!.kind.type === 'id') - Number(specs.get(b)!.kind.type === 'id'),
  );
  const written = new Set<string>();
  const put = (heading: string, text: string) => {
    const k = heading.toLowerCase();
    if (written.has(k) || (!opts.override && cells.get(k))) return;
    cells.set(k, text);
    written.add(k);
  };
  for (const [name, raw] of entries) {
    const m = mapped(raw);
    const value = row[name];
    if (m.value !== undefined || m.lineNumberWithin) continue;
    if (m.sum && t.group && !opts.sums) {
      if (m.from) put(m.from[0]!, '');
      continue;
    }
    if (value === null || value === undefined) continue;
    if (m.join) {
      const parts = value.split(m.separator);
      m.join.forEach((h, i) => {
        put(Array.isArray(h) ? h[0]! : h, parts[i] ?? '');
      });
      continue;
    }
    const text = m.maxLength ? value.slice(0, m.maxLength) : value;
    if (m.signFrom) {
      const credit = text.startsWith('-');
      put(m.signFrom.column, credit ? m.signFrom.negative[0]! : m.signFrom.positive);
      put(
        m.from![0]!,
        fromCanonical(credit ? text.slice(1) : text, specs.get(name)!.kind, profile.formats, m),
      );
      continue;
    }
    put(m.from![0]!, fromCanonical(exportValue(m, text), specs.get(name)!.kind, profile.formats, m));
  }
  for (const w of t.where ?? []) {
    const k = w.column.toLowerCase();
    if (!cells.get(k) && w.in) cells.set(k, w.in[0]!);
  }
}

export function renderRows(spec: ExportSpec, data: Dataset, profile: Profile): string[][] {
  const headings = exportHeadings(spec);
  // Mappings without detailOf each list their own rows (e.g. original and change rows of one estimate);
  // detail tables join the first of them.
  const heads = spec.tables.filter((t) => !t.detailOf);
  const details = spec.tables.filter((t) => t.detailOf);
  const rows: string[][] = [];
  const emit = (cells: Map<string, string>) =>
    rows.push(headings.map((h) => cells.get(h.toLowerCase()) ?? ''));
  const byParent = details.map((t) => {
    const index = new Map<string, Row[]>();
    for (const r of data[t.table] ?? []) {
      if (!carries(profile, t, r)) continue;
      const key = r[t.detailOf!] ?? '';
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    }
    return { t, index };
  });
  heads.forEach((head, i) => {
    for (const row of data[head.table] ?? []) {
      if (!carries(profile, head, row)) continue;
      let first = true;
      const base = () => {
        const cells = new Map<string, string>();
        fill(cells, head, row, profile, { override: false, sums: first });
        first = false;
        return cells;
      };
      for (const { t, index } of i === 0 ? byParent : []) {
        for (const d of index.get(row[t.detailOf!] ?? '') ?? []) {
          const cells = base();
          fill(cells, t, d, profile, { override: true, sums: true });
          emit(cells);
        }
      }
      if (first) emit(base());
    }
  });
  return rows;
}

function renderName(spec: ExportSpec, profile: Profile): string {
  const base = spec.files[0]!.replace(/[*?]/g, '').replace(/\.(csv|xlsx)$/i, '');
  return `${base}.${profile.renderAs}`;
}

/** Writes the dataset as the profile's exports into `outDir`. */
export async function renderProfile(profile: Profile, data: Dataset, outDir: string): Promise<RenderResult> {
  await mkdir(outDir, { recursive: true });
  const result: RenderResult = { files: [], notCarried: {} };
  for (const spec of profile.exports) {
    const headings = exportHeadings(spec);
    const body = renderRows(spec, data, profile);
    const grid: string[][] = spec.titleRows.map((t) => [t]);
    grid.push(headings);
    for (const r of body) grid.push(r);
    if (spec.totalRow) {
      const cells = headings.map(() => '');
      const at = (h: string) => headings.findIndex((x) => x.toLowerCase() === h.toLowerCase());
      cells[at(spec.totalRow.column)] = spec.totalRow.label;
      for (const h of spec.totalRow.sums) {
        const i = at(h);
        let total = new Dec(0);
        for (const r of body) if (r[i]) total = total.plus(parseAmount(r[i]!, profile.formats));
        cells[i] = fromCanonical(total.toFixed(2), { type: 'money' }, profile.formats, {});
      }
      grid.push(cells);
    }
    const file = path.join(outDir, renderName(spec, profile));
    await writeGrid(file, grid, spec.sheet);
    result.files.push({ file, report: spec.report, rows: body.length });
  }
  for (const table of TABLE_NAMES) {
    const rows = data[table] ?? [];
    const mappings = profile.exports.flatMap((e) => e.tables.filter((t) => t.table === table));
    const missed = rows.filter((r) => !mappings.some((t) => carries(profile, t, r))).length;
    if (missed > 0) result.notCarried[table] = missed;
  }
  return result;
}
