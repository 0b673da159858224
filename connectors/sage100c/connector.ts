/**
 * The Sage 100 Contractor connector: read-only SELECTs (queries/*.sql) through a SageSql session, mapped
 * to canonical records, one stream per canonical table. Every table is read whole except job cost, which is
 * read incrementally when that is provably safe (incremental.ts). Any failure throws a SourceError: the side
 * fails as a whole.
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import {
  type Connector,
  type ReadContext,
  type SourceRecord,
  type TableStream,
  tableStream,
} from '../contract.ts';
import type { MappingOptions } from './config.ts';
import { checkDriverValues } from './driver-values.ts';
import { classifySqlError, type ErrorContext } from './errors.ts';
import { jobCostBatches } from './incremental.ts';
import { keyOf, UniqueLookup } from './lookups.ts';
import {
  BudgetAccumulator,
  billingRecord,
  costCodeRecord,
  costRecord,
  jobRecord,
  primeContractRecord,
  vendorRecord,
} from './map-core.ts';
import {
  assembleChangeOrders,
  commitmentLineRecord,
  payableLineRecord,
  payableRecord,
  purchaseOrderRecord,
  subcontractRecord,
} from './map-documents.ts';
import { GlBalances } from './map-gl.ts';
import { checkCatalog } from './preflight.ts';
import { QUERY_NAMES, type QueryName, querySql } from './queries.ts';
import type { SageSql, SqlParam, SqlRow } from './sql-client.ts';
import { sageText } from './values.ts';

export const SAGE100C_CONNECTOR_VERSION = '1.0.0';

export interface SageConnectorOptions {
  /** Opens a session (mssql pool or sandbox); its failures are classified into SourceErrors. */
  open(): Promise<SageSql>;
  mapping: MappingOptions;
  errorContext: ErrorContext;
  location: string;
  /** Where the local copy of job cost for incremental reads lives; without it every read is full. */
  cacheDir?: string;
  /** Releases what `open` depends on (the sandbox), after the session. */
  release?(): Promise<void> | void;
}

export function sage100cTables(mapping: MappingOptions): CanonicalTableName[] {
  const tables: CanonicalTableName[] = [
    'jobs',
    'prime_contracts',
    'cost_codes',
    'vendors',
    'budget_lines',
    'cost_transactions',
    'change_orders',
    'change_order_lines',
    'commitments',
    'commitment_lines',
    'payables',
    'payable_lines',
    'billings',
  ];
  if (mapping.glAccounts) tables.push('gl_balances');
  return tables;
}

export function sage100cConnector(options: SageConnectorOptions): Connector {
  let session: SageSql | undefined;
  const closeSession = async () => {
    const s = session;
    session = undefined;
    await s?.close();
  };
  return {
    describe: () => ({
      system: 'sage100c',
      version: SAGE100C_CONNECTOR_VERSION,
      tables: sage100cTables(options.mapping),
      canWrite: false,
      location: options.location,
    }),
    async *read(ctx: ReadContext) {
      try {
        session = await options.open();
      } catch (e) {
        throw classifySqlError(e, options.errorContext);
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

async function* readTables(
  sql: SageSql,
  options: SageConnectorOptions,
  ctx: ReadContext,
): AsyncIterable<TableStream> {
  const mapping: MappingOptions = { ...options.mapping };
  const tables = sage100cTables(mapping);
  const queries = QUERY_NAMES.filter(
    (q) =>
      q !== 'catalog' &&
      (q !== 'gl-balances' || tables.includes('gl_balances')) &&
      (q !== 'cost-types' || mapping.userCostTypes === 'name'),
  );
  try {
    await checkCatalog(sql, queries, options.errorContext.database);
  } catch (e) {
    throw classifySqlError(e, { ...options.errorContext, query: 'catalog.sql' });
  }

  async function* batches(name: QueryName, params?: Record<string, SqlParam>): AsyncIterable<SqlRow[]> {
    ctx.stats.sql_queries = (ctx.stats.sql_queries ?? 0) + 1;
    try {
      let rows = 0;
      for await (const batch of sql.query(querySql(name), params, ctx.signal)) {
        checkDriverValues(batch, `${name}.sql`, rows);
        rows += batch.length;
        ctx.stats.sql_rows = (ctx.stats.sql_rows ?? 0) + batch.length;
        yield batch;
      }
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw classifySqlError(e, { ...options.errorContext, query: `${name}.sql` });
    }
  }
  async function all(name: QueryName, params?: Record<string, SqlParam>): Promise<SqlRow[]> {
    const out: SqlRow[] = [];
    for await (const batch of batches(name, params)) for (const row of batch) out.push(row);
    return out;
  }
  type Mapper = (row: SqlRow) => SourceRecord | undefined;
  /**
   * One generator per table, mapping fetch by fetch: each SQL batch becomes one batch of records
   * (`TableStream.batches`), so a million rows cost one async step per fetch, not one per row.
   */
  const mapped = (
    table: CanonicalTableName,
    ...sources: [QueryName | AsyncIterable<SqlRow[]>, Mapper][]
  ): TableStream =>
    tableStream(
      table,
      (async function* () {
        let n = 0;
        for (const [from, map] of sources) {
          for await (const batch of typeof from === 'string' ? batches(from) : from) {
            const records: SourceRecord[] = [];
            for (const row of batch) {
              const record = map(row);
              if (record) records.push(record);
            }
            n += records.length;
            if (records.length > 0) yield records;
            ctx.progress({ side: ctx.side, table, rows: n });
          }
        }
        ctx.progress({ side: ctx.side, table, rows: n, done: true });
      })(),
    );
  const computed = (
    table: CanonicalTableName,
    produce: () => Promise<Iterable<SourceRecord>>,
  ): TableStream => ({
    table,
    records: (async function* () {
      let n = 0;
      for (const record of await produce()) {
        n++;
        yield record;
      }
      ctx.progress({ side: ctx.side, table, rows: n, done: true });
    })(),
  });

  if (mapping.userCostTypes === 'name') {
    mapping.costTypeNames = new Map();
    for (const row of await all('cost-types')) {
      const name = sageText(row.typnme);
      if (name) mapping.costTypeNames.set(Number(row.recnum), name.toLowerCase());
    }
  }

  yield mapped('jobs', ['jobs', (r) => jobRecord(r, mapping)]);
  yield mapped('prime_contracts', ['jobs', (r) => primeContractRecord(r, mapping)]);
  yield mapped('cost_codes', ['cost-codes', (r) => costCodeRecord(r, mapping)]);
  yield mapped('vendors', ['vendors', (r) => vendorRecord(r, mapping)]);
  yield computed('budget_lines', async () => {
    const budget = new BudgetAccumulator(mapping);
    for await (const batch of batches('budget-lines')) for (const row of batch) budget.add(row);
    return budget.records();
  });
  const ledger = new UniqueLookup();
  for (const row of await all('invoice-ledger')) ledger.add(keyOf(row.lgrrec), String(row.recnum));
  if (ledger.sharedKeys > 0) {
    ctx.log.warn(
      { sharedLedgerRefs: ledger.sharedKeys },
      'payable invoices share ledger transactions; their job cost is attributed to no invoice',
    );
  }
  const jobCost = jobCostBatches({
    batches,
    all,
    cacheDir: options.cacheDir,
    database: options.errorContext.database,
    previous: ctx.previousState,
    runStartedAt: ctx.runStartedAt,
    log: ctx.log,
    saveState: (jobcst) => ctx.saveState({ jobcst }),
  });
  yield mapped('cost_transactions', [
    jobCost,
    (r) => {
      r.invoice = r.lgrrec ? ledger.get(keyOf(r.lgrrec)) : null;
      return costRecord(r, mapping);
    },
  ]);

  let changeOrders: Promise<ReturnType<typeof assembleChangeOrders>> | undefined;
  const loadChangeOrders = () => {
    changeOrders ??= (async () =>
      assembleChangeOrders(
        await all('change-order-headers'),
        await all('change-order-prime-lines'),
        await all('change-order-sub-lines'),
        mapping,
      ))();
    return changeOrders;
  };
  yield computed('change_orders', async () => (await loadChangeOrders()).orders);
  yield computed('change_order_lines', async () => (await loadChangeOrders()).lines);
  yield mapped(
    'commitments',
    ['subcontracts', (r) => subcontractRecord(r, mapping)],
    ['purchase-orders', (r) => purchaseOrderRecord(r, mapping)],
  );
  yield mapped(
    'commitment_lines',
    ['subcontract-lines', (r) => commitmentLineRecord(r, 'subcontract', mapping)],
    ['purchase-order-lines', (r) => commitmentLineRecord(r, 'purchase_order', mapping)],
  );
  const subcontracts = new UniqueLookup();
  for (const row of await all('subcontracts'))
    subcontracts.add(keyOf(row.jobnum, row.ctcnum), String(row.recnum));
  const orders = new UniqueLookup();
  for (const row of await all('purchase-orders'))
    orders.add(keyOf(row.jobnum, row.ordnum), String(row.recnum));
  yield mapped('payables', [
    'payables',
    (r) => {
      r.subcontract = sageText(r.ctcnum) ? subcontracts.get(keyOf(r.jobnum, r.ctcnum)) : null;
      r.purchase_order = sageText(r.pchord) ? orders.get(keyOf(r.jobnum, r.pchord)) : null;
      return payableRecord(r, mapping);
    },
  ]);
  yield mapped('payable_lines', [
    'payable-lines',
    (r) => (ledger.isShared(keyOf(r.lgrrec)) ? undefined : payableLineRecord(r, mapping)),
  ]);
  yield mapped('billings', ['billings', (r) => billingRecord(r, mapping)]);
  if (tables.includes('gl_balances')) {
    const gl = new GlBalances(mapping);
    yield mapped('gl_balances', ['gl-balances', (r) => gl.map(r)]);
  }
}
