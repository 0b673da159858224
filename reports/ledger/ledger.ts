/**
 * The ledger (DESIGN §4a): builds, once per snapshot, the tables that decide what links to what and what
 * counts (ledger.sql), the macros every query reads amounts through (macros.sql, readers.sql), and the rows
 * behind each WIP figure (lineage.sql), which the WIP sums and its drill-down lists.
 *
 * A snapshot gets its ledger written into it when it is published (`buildLedger(con, { persist: true })`).
 * A reader calls `ensureLedger(con)` before querying: it creates the macros on the connection, and when the
 * snapshot's ledger was built by another version of these rules (or is absent: a snapshot older than the
 * ledger), it builds the ledger again as temporary tables on that connection, which take precedence over the
 * stored ones. Either way every reader of one snapshot sees one set of figures.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const MACROS = readFileSync(new URL('./macros.sql', import.meta.url), 'utf8');
const READERS = readFileSync(new URL('./readers.sql', import.meta.url), 'utf8');
const LEDGER = readFileSync(new URL('./ledger.sql', import.meta.url), 'utf8');
const LINEAGE = readFileSync(new URL('./lineage.sql', import.meta.url), 'utf8');
const [LEDGER_TABLES, LEDGER_FIGURES] = LEDGER.split('-- @readers') as [string, string];

/** Changes whenever a rule of the ledger changes, so a stored ledger built by other rules is never read. */
export const LEDGER_VERSION = createHash('sha256')
  .update(MACROS)
  .update(READERS)
  .update(LEDGER)
  .update(LINEAGE)
  .digest('hex')
  .slice(0, 16);

const ready = new WeakSet<DuckDBConnection>();

async function runScript(con: DuckDBConnection, sql: string): Promise<void> {
  const statements = await con.extractStatements(sql);
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    if (prepared.parameterCount > 0) prepared.bind({ version: LEDGER_VERSION });
    await prepared.run();
  }
}

/** Builds the ledger on a connection: persisted into the snapshot file, or as temporary tables. */
export async function buildLedger(con: DuckDBConnection, options: { persist: boolean }): Promise<void> {
  const kind = options.persist ? '' : 'TEMP';
  await runScript(con, MACROS);
  await runScript(con, LEDGER_TABLES.replaceAll('{{kind}}', kind));
  await runScript(con, READERS);
  await runScript(con, LEDGER_FIGURES.replaceAll('{{kind}}', kind));
  await runScript(con, LINEAGE);
  ready.add(con);
}

async function storedVersion(con: DuckDBConnection): Promise<string | null> {
  const reader = await con.runAndReadAll(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'ledger_info' AND NOT temporary`,
  );
  if (Number(reader.getRowObjectsJson()[0]?.n ?? 0) === 0) return null;
  const rows = (
    await con.runAndReadAll(`SELECT value FROM main.ledger_info WHERE key = 'version'`)
  ).getRowObjectsJson() as { value: string }[];
  return rows[0]?.value ?? null;
}

/** Makes the ledger of this snapshot readable on this connection (once per connection). */
export async function ensureLedger(con: DuckDBConnection): Promise<void> {
  if (ready.has(con)) return;
  if ((await storedVersion(con)) === LEDGER_VERSION) {
    await runScript(con, MACROS);
    await runScript(con, READERS);
    await runScript(con, LINEAGE);
    ready.add(con);
    return;
  }
  await buildLedger(con, { persist: false });
}
