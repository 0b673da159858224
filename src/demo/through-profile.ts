/**
 * The demo company with its books kept in another ERP: the generated company's ERP side re-keyed the way that
 * system keys records (a Vista job is its job number, a subcontract its job and SL number) and reduced to what
 * the system can hold (a book without a void flag has no void rows), then written as the system's report
 * exports through its profile. The Procore side and the mappings follow the new keys, so the company
 * reconciles through the profile exactly as through the re-keyed canonical files.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type CanonicalTableName, TABLE_NAMES, TABLES } from '../../connectors/canonical/tables.ts';
import { mapped } from '../../connectors/files/profile/read.ts';
import {
  carries,
  type Dataset,
  type Row,
  readDataset,
  renderProfile,
  routingConstants,
} from '../../connectors/files/profile/render.ts';
import type { Profile } from '../../connectors/files/profile/schema.ts';

/** Which column holds each record's id, and which columns of other tables refer to it. */
const ENTITIES: Record<string, { id: string; refs: [CanonicalTableName, string][] }> = {
  jobs: {
    id: 'job_id',
    refs: TABLE_NAMES.filter((t) => t !== 'jobs' && TABLES[t].columns.some((c) => c.name === 'job_id')).map(
      (t) => [t, 'job_id'],
    ),
  },
  prime_contracts: { id: 'contract_id', refs: [] },
  billings: { id: 'billing_id', refs: [] },
  cost_transactions: { id: 'transaction_id', refs: [] },
  commitments: {
    id: 'commitment_id',
    refs: [
      ['commitment_lines', 'commitment_id'],
      ['payables', 'commitment_id'],
      ['change_orders', 'commitment_id'],
    ],
  },
  change_orders: { id: 'change_order_id', refs: [['change_order_lines', 'change_order_id']] },
  payables: {
    id: 'invoice_id',
    refs: [
      ['payable_lines', 'invoice_id'],
      ['cost_transactions', 'invoice_id'],
    ],
  },
};

/** Lines belong to their document: when the document cannot be written, neither can its lines. */
const LINES: [CanonicalTableName, CanonicalTableName, string][] = [
  ['commitment_lines', 'commitments', 'commitment_id'],
  ['payable_lines', 'payables', 'invoice_id'],
  ['change_order_lines', 'change_orders', 'change_order_id'],
];

export interface ProfileDemo {
  /** Re-keyed canonical ERP side (the reference: the same books as canonical files). */
  erpCanonical: string;
  /** The same books as the system's exports. */
  erpExports: string;
  pm: string;
  companyFile: string;
  dropped: Partial<Record<CanonicalTableName, number>>;
}

function rekey(template: string, row: Row, jobKey: (id: string | null) => string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'job' ? jobKey(row.job_id ?? null) : (row[name] ?? ''),
  );
}

async function writeSide(dir: string, data: Dataset): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const table of TABLE_NAMES) {
    const rows = data[table];
    if (!rows) continue;
    const columns = TABLES[table].columns.map((c) => c.name);
    await writeFile(
      path.join(dir, `${table}.csv`),
      stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? null))], {
        record_delimiter: 'unix',
      }),
    );
  }
}

/** Re-keys and reduces a generated company (`root` with pm/, erp/, company.json) for the profile's system. */
export async function demoThroughProfile(
  root: string,
  profile: Profile,
  outRoot: string,
): Promise<ProfileDemo> {
  const erp = await readDataset(path.join(root, 'erp'));
  const pm = await readDataset(path.join(root, 'pm'));
  const company = JSON.parse(await readFile(path.join(root, 'company.json'), 'utf8'));

  // 1. What the system can hold.
  const dropped: ProfileDemo['dropped'] = {};
  for (const table of TABLE_NAMES) {
    const rows = erp[table];
    if (!rows) continue;
    const mappings = profile.exports.flatMap((e) => e.tables.filter((t) => t.table === table));
    if (mappings.length === 0) {
      dropped[table] = rows.length;
      delete erp[table]; // the system has no such records
      continue;
    }
    const kept = rows.filter((r) => mappings.some((t) => carries(profile, t, r)));
    if (kept.length < rows.length) dropped[table] = rows.length - kept.length;
    erp[table] = kept;
  }
  // Columns no export carries are what this system does not keep: blank in the reference too.
  for (const table of TABLE_NAMES) {
    const carried = new Set(
      profile.exports.flatMap((e) =>
        e.tables.filter((t) => t.table === table).flatMap((t) => Object.keys(t.columns)),
      ),
    );
    for (const row of erp[table] ?? []) for (const c of Object.keys(row)) if (!carried.has(c)) row[c] = null;
    // A column the system does not have says the profile's fixed value on every record.
    const routing = routingConstants(profile, table);
    for (const t of profile.exports.flatMap((e) => e.tables.filter((m) => m.table === table))) {
      for (const [name, raw] of Object.entries(t.columns)) {
        const m = mapped(raw);
        if (m.maxLength) {
          for (const row of erp[table] ?? []) row[name] = row[name]?.slice(0, m.maxLength) ?? null;
        }
        if (m.value === undefined || routing.has(name)) continue;
        for (const row of erp[table] ?? []) row[name] = m.value;
      }
    }
  }
  // 2. How the system keys records. A record whose key another already has cannot exist there (Sage 300 keeps
  // one invoice per vendor and number): it is left out, with its lines.
  const renames = new Map<string, Map<string, string>>();
  const jobKeys = new Map((erp.jobs ?? []).map((j) => [j.job_id!, j.job_id!]));
  const jobKey = (id: string | null) => (id === null ? '' : (jobKeys.get(id) ?? id));
  const keyed = Object.entries(profile.keys).sort(([a], [b]) => Number(b === 'jobs') - Number(a === 'jobs'));
  for (const [table, template] of keyed) {
    const entity = ENTITIES[table];
    if (!entity) throw new Error(`profile ${profile.name}: keys names ${table}, which tieout cannot re-key`);
    const map = new Map<string, string>();
    const taken = new Set<string>();
    const rows = erp[table as CanonicalTableName] ?? [];
    const kept = rows.filter((row) => {
      const key = rekey(template, row, jobKey);
      if (taken.has(key)) return false;
      taken.add(key);
      map.set(row[entity.id]!, key);
      return true;
    });
    if (kept.length < rows.length)
      dropped[table as CanonicalTableName] =
        (dropped[table as CanonicalTableName] ?? 0) + rows.length - kept.length;
    erp[table as CanonicalTableName] = kept;
    renames.set(table, map);
    if (table === 'jobs') for (const [from, to] of map) jobKeys.set(from, to);
  }
  for (const [lines, header, key] of LINES) {
    const ids = new Set((erp[header] ?? []).map((r) => r[key]));
    const rows = erp[lines] ?? [];
    const kept = rows.filter((r) => ids.has(r[key]));
    if (kept.length < rows.length) dropped[lines] = (dropped[lines] ?? 0) + rows.length - kept.length;
    erp[lines] = kept;
  }

  for (const [table, map] of renames) {
    const entity = ENTITIES[table]!;
    const rename = (v: string | null | undefined) => (v == null ? (v ?? null) : (map.get(v) ?? v));
    for (const row of erp[table as CanonicalTableName] ?? []) row[entity.id] = rename(row[entity.id]);
    for (const [t, col] of entity.refs) for (const row of erp[t] ?? []) row[col] = rename(row[col]);
    for (const row of pm[table as CanonicalTableName] ?? []) row.linked_id = rename(row.linked_id);
  }
  // Where one export column fills two canonical columns (a Sage job's Job is its id and its number), the
  // system holds one value for both: the id.
  for (const t of profile.exports.flatMap((e) => e.tables)) {
    const byHeading = new Map<string, string[]>();
    for (const [name, raw] of Object.entries(t.columns)) {
      const m = mapped(raw);
      const from = m.sum ? undefined : m.from?.[0]?.toLowerCase(); // summed columns add up, they are not one value
      if (from) byHeading.set(from, [...(byHeading.get(from) ?? []), name]);
    }
    const kinds = new Map(TABLES[t.table].columns.map((c) => [c.name, c.kind.type]));
    const ownId = ENTITIES[t.table]?.id;
    for (const names of byHeading.values()) {
      if (names.length < 2) continue;
      const source = names.find((n) => n === ownId) ?? names.find((n) => kinds.get(n) === 'id') ?? names[0]!;
      for (const row of erp[t.table] ?? []) for (const n of names) row[n] = row[source] ?? null;
    }
  }
  const jobs = renames.get('jobs');
  for (const m of company.mappings?.jobs ?? []) if (jobs?.has(m.erp)) m.erp = jobs.get(m.erp);

  const out: ProfileDemo = {
    erpCanonical: path.join(outRoot, 'erp-canonical'),
    erpExports: path.join(outRoot, 'erp'),
    pm: path.join(outRoot, 'pm'),
    companyFile: path.join(outRoot, 'company.json'),
    dropped,
  };
  await writeSide(out.erpCanonical, erp);
  await writeSide(out.pm, pm);
  await writeFile(out.companyFile, `${JSON.stringify(company, null, 2)}\n`);
  await renderProfile(profile, erp, out.erpExports);
  return out;
}
