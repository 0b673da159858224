/**
 * The Sage 100 Contractor connector: read-only SELECTs (queries/*.sql) through a SageSql session, mapped
 * to canonical records, one stream per canonical table. Every run reads everything (Sage companies hold at
 * most a few million job-cost rows, read at several hundred thousand rows a second), so a snapshot never
 * depends on an earlier run's state. Any failure throws a SourceError: the side fails as a whole.
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import type { Connector, ReadContext, SourceRecord, TableStream } from '../contract.ts';
import type { MappingOptions } from './config.ts';
import { classifySqlError, type ErrorContext } from './errors.ts';
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
import type { SageSql, SqlRow } from './sql-client.ts';
import { sageText } from './values.ts';

export const SAGE100C_CONNECTOR_VERSION = '1.0.0';

export interface SageConnectorOptions {
  /** Opens a session (mssql pool or sandbox); its failures are classified into SourceErrors. */
  open(): Promise<SageSql>;
  mapping: MappingOptions;
  errorContext: ErrorContext;
  location: string;
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
    throw classifySqlError(e, options.errorContext);
  }

  if (mapping.userCostTypes === 'name') {
    mapping.costTypeNames = new Map();
    for await (const row of rows('cost-types')) {
      const name = sageText(row.typnme);
      if (name) mapping.costTypeNames.set(Number(row.recnum), name.toLowerCase());
    }
  }

  async function* rows(name: QueryName): AsyncIterable<SqlRow> {
    ctx.stats.sql_queries = (ctx.stats.sql_queries ?? 0) + 1;
    try {
      for await (const batch of sql.query(querySql(name), undefined, ctx.signal)) {
        ctx.stats.sql_rows = (ctx.stats.sql_rows ?? 0) + batch.length;
        yield* batch;
      }
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw classifySqlError(e, { ...options.errorContext, query: `${name}.sql` });
    }
  }
  async function all(name: QueryName): Promise<SqlRow[]> {
    const out: SqlRow[] = [];
    for await (const row of rows(name)) out.push(row);
    return out;
  }
  async function* counted(table: CanonicalTableName, records: AsyncIterable<SourceRecord | undefined>) {
    let n = 0;
    for await (const r of records) {
      if (!r) continue;
      n++;
      if (n % 50_000 === 0) ctx.progress({ side: ctx.side, table, rows: n });
      yield r;
    }
    ctx.progress({ side: ctx.side, table, rows: n, done: true });
  }
  async function* map(name: QueryName, fn: (row: SqlRow) => SourceRecord | undefined) {
    for await (const row of rows(name)) yield fn(row);
  }
  const stream = (
    table: CanonicalTableName,
    records: AsyncIterable<SourceRecord | undefined>,
  ): TableStream => ({
    table,
    records: counted(table, records),
  });

  yield stream(
    'jobs',
    map('jobs', (r) => jobRecord(r, mapping)),
  );
  yield stream(
    'prime_contracts',
    map('jobs', (r) => primeContractRecord(r, mapping)),
  );
  yield stream(
    'cost_codes',
    map('cost-codes', (r) => costCodeRecord(r, mapping)),
  );
  yield stream(
    'vendors',
    map('vendors', (r) => vendorRecord(r, mapping)),
  );
  yield stream(
    'budget_lines',
    (async function* () {
      const budget = new BudgetAccumulator(mapping);
      for await (const row of rows('budget-lines')) budget.add(row);
      yield* budget.records();
    })(),
  );
  yield stream(
    'cost_transactions',
    map('job-cost', (r) => costRecord(r, mapping)),
  );

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
  yield stream(
    'change_orders',
    (async function* () {
      yield* (await loadChangeOrders()).orders;
    })(),
  );
  yield stream(
    'change_order_lines',
    (async function* () {
      yield* (await loadChangeOrders()).lines;
    })(),
  );
  yield stream(
    'commitments',
    (async function* () {
      yield* map('subcontracts', (r) => subcontractRecord(r, mapping));
      yield* map('purchase-orders', (r) => purchaseOrderRecord(r, mapping));
    })(),
  );
  yield stream(
    'commitment_lines',
    (async function* () {
      yield* map('subcontract-lines', (r) => commitmentLineRecord(r, 'subcontract', mapping));
      yield* map('purchase-order-lines', (r) => commitmentLineRecord(r, 'purchase_order', mapping));
    })(),
  );
  yield stream(
    'payables',
    map('payables', (r) => payableRecord(r, mapping)),
  );
  yield stream(
    'payable_lines',
    map('payable-lines', (r) => payableLineRecord(r, mapping)),
  );
  yield stream(
    'billings',
    map('billings', (r) => billingRecord(r, mapping)),
  );
  if (tables.includes('gl_balances')) {
    const gl = new GlBalances(mapping);
    yield stream(
      'gl_balances',
      map('gl-balances', (r) => gl.map(r)),
    );
  }
}
