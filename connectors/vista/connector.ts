/**
 * The Viewpoint Vista connector: read-only SELECTs (queries/*.sql) against the Vista views through a SQL
 * session, mapped to canonical records, one stream per canonical table. Before any row is read the catalog
 * is checked for every view and column the queries use. Every table is read whole: Vista's tables carry no
 * change stamp (no rowversion; KeyID is an identity, not a change marker), see the README.
 */
import type { CanonicalTableName } from '../canonical/tables.ts';
import {
  type Connector,
  type ReadContext,
  SourceError,
  type SourceRecord,
  type TableStream,
} from '../contract.ts';
import type { SageSql, SqlRow } from '../sage100c/sql-client.ts';
import { catalogGaps } from '../sql/catalog.ts';
import { sqlReader } from '../sql/streams.ts';
import type { VistaMapping } from './config.ts';
import { classifyVistaError, type VistaErrorContext } from './errors.ts';
import { transactionKeys } from './keys.ts';
import {
  billingRecord,
  budgetRecord,
  changeOrderRecords,
  commitmentRecords,
  costCodeRecord,
  costRecord,
  jobRecord,
  primeContractRecord,
  vendorRecord,
} from './map.ts';
import { payableRecords } from './payables.ts';
import { VISTA_QUERIES, vistaSql } from './queries.ts';
import { CostTypes, vistaText } from './values.ts';

export const VISTA_CONNECTOR_VERSION = '1.0.0';

export const VISTA_TABLES: CanonicalTableName[] = [
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

/** Canonical columns Vista has no place for (see the README): left empty. */
export const VISTA_EMPTY_COLUMNS = ['budget_lines.approved_changes'];

export interface VistaConnectorOptions {
  open(): Promise<SageSql>;
  mapping: VistaMapping;
  errorContext: VistaErrorContext;
  location: string;
  release?(): Promise<void> | void;
}

export function vistaConnector(options: VistaConnectorOptions): Connector {
  let session: SageSql | undefined;
  const closeSession = async () => {
    const s = session;
    session = undefined;
    await s?.close();
  };
  return {
    describe: () => ({
      system: 'vista',
      version: VISTA_CONNECTOR_VERSION,
      tables: VISTA_TABLES,
      canWrite: false,
      location: options.location,
    }),
    async *read(ctx: ReadContext) {
      try {
        session = await options.open();
      } catch (e) {
        throw classifyVistaError(e, options.errorContext);
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

/** Every view and column the queries read must exist; all that are missing are named at once. */
async function checkCatalog(sql: SageSql, options: VistaConnectorOptions): Promise<void> {
  const present = new Map<string, Set<string>>();
  try {
    for await (const batch of sql.query(vistaSql('catalog'), { schema: 'dbo' })) {
      for (const row of batch) {
        const table = String(row.table_name);
        present.set(table, (present.get(table) ?? new Set()).add(String(row.column_name)));
      }
    }
  } catch (e) {
    throw classifyVistaError(e, { ...options.errorContext, query: 'catalog.sql' });
  }
  const gaps = catalogGaps(
    present,
    VISTA_QUERIES.map((name) => ({ name, sql: vistaSql(name, options.mapping.linkedIdColumn) })),
    'dbo',
  );
  const database = options.errorContext.database;
  if (gaps.tables.length > 0) {
    throw new SourceError(
      'vista_table_missing',
      `Vista database "${database}" has no view ${gaps.tables.join('; ')}. Check that it is the Vista database and that login "${options.errorContext.user}" may read these views (grant SELECT).`,
    );
  }
  if (gaps.columns.length > 0) {
    throw new SourceError(
      'vista_column_missing',
      `Vista database "${database}" lacks column ${gaps.columns.join('; ')}. This Vista release does not have a column tieout reads${options.mapping.linkedIdColumn ? `, or the user-defined column ${options.mapping.linkedIdColumn} is not on every view named` : ''}.`,
    );
  }
}

function groupBy(rows: SqlRow[], key: (r: SqlRow) => string): Map<string, SqlRow[]> {
  const out = new Map<string, SqlRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function* readTables(
  sql: SageSql,
  options: VistaConnectorOptions,
  ctx: ReadContext,
): AsyncIterable<TableStream> {
  const { mapping } = options;
  await checkCatalog(sql, options);
  const reader = sqlReader(
    sql,
    ctx,
    (name) => vistaSql(name, mapping.linkedIdColumn),
    (e, query) => classifyVistaError(e, { ...options.errorContext, query }),
  );
  const co = { co: mapping.company };
  const all = (name: string) =>
    reader.all(name, name === 'vendors' ? { vendorGroup: mapping.vendorGroup } : co);
  const types = new CostTypes(mapping.costTypes);
  for (const r of await reader.all('cost-types')) types.addJcct(r.phase_group, r.cost_type, r.description);

  yield reader.computed('jobs', async () => (await all('jobs')).map(jobRecord));
  const contracts = await all('prime-contracts');
  const jobOfContract = new Map<string, string>();
  for (const c of contracts) if (c.job) jobOfContract.set(String(c.contract).trim(), String(c.job).trim());
  yield reader.computed('prime_contracts', async () =>
    contracts.filter((c) => c.job).map(primeContractRecord),
  );
  yield reader.computed('cost_codes', async () => (await all('cost-codes')).map(costCodeRecord));
  yield reader.computed('vendors', async () => (await all('vendors')).map(vendorRecord));
  yield reader.computed('budget_lines', async () =>
    (await all('budget-lines')).map((r) => budgetRecord(r, types)),
  );

  const headers = await all('payables');
  const invoiceKey = transactionKeys(headers.map((h) => [h.mth, h.ap_trans]));
  yield reader.mapped('cost_transactions', [
    (async function* () {
      yield* reader.batches('cost-detail', co);
    })(),
    (r) => costRecord(r, types, invoiceKey),
  ]);

  const items = await all('change-order-items');
  const coLines = groupBy(
    await all('change-order-lines'),
    (l) => `${vistaText(l.project)}|${vistaText(l.aco) ?? vistaText(l.pco)}`,
  );
  const orders = [
    ...groupBy(items, (i) => `${vistaText(i.project)}|${vistaText(i.aco) ?? vistaText(i.pco)}`),
  ].map(([key, its]) => changeOrderRecords(its, coLines.get(key) ?? [], types));
  yield reader.computed('change_orders', async () => orders.map((o) => o.order));
  yield reader.computed('change_order_lines', async () => orders.flatMap((o) => o.lines));

  const commitments: { commitment: SourceRecord; lines: SourceRecord[] }[] = [];
  const slItems = groupBy(await all('subcontract-items'), (i) => `${vistaText(i.job)}|${vistaText(i.sl)}`);
  for (const h of await all('subcontracts'))
    commitments.push(
      commitmentRecords('subcontract', h, slItems.get(`${vistaText(h.job)}|${vistaText(h.sl)}`) ?? [], types),
    );
  const poItems = groupBy(await all('purchase-order-items'), (i) => `${vistaText(i.job)}|${vistaText(i.po)}`);
  for (const h of await all('purchase-orders'))
    commitments.push(
      commitmentRecords(
        'purchase_order',
        h,
        poItems.get(`${vistaText(h.job)}|${vistaText(h.po)}`) ?? [],
        types,
      ),
    );
  yield reader.computed('commitments', async () => commitments.map((c) => c.commitment));
  yield reader.computed('commitment_lines', async () => commitments.flatMap((c) => c.lines));

  const payables = payableRecords(headers, await all('payable-lines'), types, invoiceKey);
  yield reader.computed('payables', async () => payables.invoices);
  yield reader.computed('payable_lines', async () => payables.lines);

  const billingHeaders = await all('billings');
  const billingKey = transactionKeys(billingHeaders.map((b) => [b.mth, b.ar_trans]));
  yield reader.computed('billings', async () =>
    billingHeaders.map((b) => billingRecord(b, jobOfContract, billingKey)),
  );
}
