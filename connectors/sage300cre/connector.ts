/**
 * The Sage 300 CRE connector: read-only SELECTs (queries/*.sql) against the Timberline Data ODBC tables,
 * mapped to canonical records, one stream per canonical table. Before any row is read every table and column
 * the queries use is looked up in the driver's catalog. Tables are read whole (see the README: no change
 * stamp on every table).
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import { type Connector, type ReadContext, SourceError, type TableStream } from '../contract.ts';
import { type SqlRow, SqlServerError } from '../sage100c/sql-client.ts';
import { catalogGaps } from '../sql/catalog.ts';
import { sqlReader } from '../sql/streams.ts';
import {
  budgetRecords,
  categoryReader,
  commitmentRecords,
  costCodeRecords,
  costRecord,
  jobRecord,
  primeContractRecord,
  vendorRecord,
} from './map.ts';
import { billingRecords, payableRecords } from './payables.ts';
import { neededTables, queryFile, resolvedSql, SAGE300_QUERIES } from './queries.ts';
import { OdbcError, type Sage300Session } from './session.ts';
import { s300Text } from './values.ts';

export const SAGE300_CONNECTOR_VERSION = '1.0.0';

export const SAGE300_TABLES: CanonicalTableName[] = [
  'jobs',
  'prime_contracts',
  'cost_codes',
  'vendors',
  'budget_lines',
  'cost_transactions',
  'commitments',
  'commitment_lines',
  'payables',
  'payable_lines',
  'billings',
];

/** Canonical columns Sage 300 CRE's ODBC tables give tieout no place for (see the README): left empty. */
export const SAGE300_EMPTY_COLUMNS: string[] = [];

export interface Sage300ConnectorOptions {
  open(): Promise<Sage300Session>;
  categories: Record<string, string>;
  /** "ODBC data source TimberlineDataSource", "sandbox": said in every error. */
  where: string;
  location: string;
  release?(): Promise<void> | void;
}

export function classifySage300Error(e: unknown, where: string, query?: string): SourceError {
  if (e instanceof SourceError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  const inQuery = query ? ` (while running ${query})` : '';
  const state = e instanceof OdbcError ? e.sqlState : undefined;
  const number = e instanceof SqlServerError ? e.number : undefined;
  if (state === '28000')
    return new SourceError(
      'sage300_login_failed',
      `${where} refused the login: ${detail}. Check the Sage 300 user and password.`,
      { cause: e },
    );
  if (state === 'IM002' || state === 'IM003' || state?.startsWith('08'))
    return new SourceError(
      'sage300_unreachable',
      `${where}: ${detail}. Check the DSN (32-bit ODBC administrator) or the connection string's DBQ company folder.`,
      { cause: e },
    );
  if (state === '42S02' || number === 208)
    return new SourceError('sage300_table_missing', `${where}: ${detail}${inQuery}.`, { cause: e });
  if (state === '42S22' || number === 207)
    return new SourceError('sage300_column_missing', `${where}: ${detail}${inQuery}.`, { cause: e });
  return new SourceError('sage300_query_failed', `${where}${inQuery}: ${detail}`, { cause: e });
}

export function sage300creConnector(options: Sage300ConnectorOptions): Connector {
  let session: Sage300Session | undefined;
  const closeSession = async () => {
    const s = session;
    session = undefined;
    await s?.close();
  };
  return {
    describe: () => ({
      system: 'sage300cre',
      version: SAGE300_CONNECTOR_VERSION,
      tables: SAGE300_TABLES,
      canWrite: false,
      location: options.location,
    }),
    async *read(ctx: ReadContext) {
      try {
        session = await options.open();
      } catch (e) {
        throw classifySage300Error(e, options.where);
      }
      try {
        yield* readTables(session, options, ctx);
      } finally {
        await closeSession();
      }
    },
    async close() {
      await closeSession();
      await options.release?.();
    },
  };
}

/** Every table and column the queries need, looked up before any row is read; all gaps named at once. */
async function catalog(
  session: Sage300Session,
  options: Sage300ConnectorOptions,
): Promise<Map<string, Set<string>>> {
  const present = new Map<string, Set<string>>();
  try {
    for (const table of neededTables().keys()) {
      const columns = await session.columnsOf(table);
      if (columns.length > 0) present.set(table.toLowerCase(), new Set(columns.map((c) => c.toLowerCase())));
    }
  } catch (e) {
    throw classifySage300Error(e, options.where, 'the catalog');
  }
  const gaps = catalogGaps(
    present,
    SAGE300_QUERIES.map((name) => ({ name, sql: queryFile(name) })),
  );
  if (gaps.tables.length > 0) {
    throw new SourceError(
      'sage300_table_missing',
      `${options.where} has no table ${gaps.tables.join('; ')}. Check that the data source points at a Sage 300 CRE company folder and names tables like JCM_MASTER__JOB (the driver's other naming, MASTER_JCM_JOB_1, is not read).`,
    );
  }
  if (gaps.columns.length > 0) {
    throw new SourceError(
      'sage300_column_missing',
      `${options.where} lacks column ${gaps.columns.join('; ')}. Check that the data source shows full column names (ShortenNames=0, MaxColSupport=1536).`,
    );
  }
  return present;
}

async function* readTables(
  session: Sage300Session,
  options: Sage300ConnectorOptions,
  ctx: ReadContext,
): AsyncIterable<TableStream> {
  const present = await catalog(session, options);
  const reader = sqlReader(
    session,
    ctx,
    (name) => resolvedSql(name, present),
    (e, query) => classifySage300Error(e, options.where, query),
  );
  const costType = categoryReader(options.categories);
  const jobs = await reader.all('jobs');
  yield reader.computed('jobs', async () => jobs.map(jobRecord));
  yield reader.computed('prime_contracts', async () => jobs.flatMap((j) => primeContractRecord(j) ?? []));
  yield reader.computed('cost_codes', async () => costCodeRecords(await reader.all('cost-codes')));
  yield reader.mapped('vendors', ['vendors', vendorRecord]);
  yield reader.computed('budget_lines', async () => budgetRecords(await reader.all('categories'), costType));
  yield reader.mapped('cost_transactions', ['transactions', (r) => costRecord(r, costType)]);
  const items = new Map<string, SqlRow[]>();
  for (const i of await reader.all('commitment-items')) {
    const key = `${s300Text(i.job)}|${s300Text(i.commitment)}`;
    const list = items.get(key);
    if (list) list.push(i);
    else items.set(key, [i]);
  }
  const commitments = (await reader.all('commitments')).map((h) =>
    commitmentRecords(h, items.get(`${s300Text(h.job)}|${s300Text(h.commitment)}`) ?? [], costType),
  );
  yield reader.computed('commitments', async () => commitments.map((c) => c.commitment));
  yield reader.computed('commitment_lines', async () => commitments.flatMap((c) => c.lines));
  const payables = payableRecords(await reader.all('invoices'), await reader.all('distributions'), costType);
  yield reader.computed('payables', async () => payables.invoices);
  yield reader.computed('payable_lines', async () => payables.lines);
  yield reader.computed('billings', async () => billingRecords(await reader.all('billings')));
}
