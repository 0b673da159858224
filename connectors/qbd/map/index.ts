/**
 * The local copy of a QuickBooks company file → one stream per canonical table. Lists are resolved once
 * (Lookups), then each table is mapped document by document, in batches, so a million lines cost one
 * asynchronous step per batch.
 */
import type { CanonicalTableName } from '../../canonical/tables.ts';
import { type ReadContext, type SourceRecord, type TableStream, tableStream } from '../../contract.ts';
import { COST_DOCUMENTS, costRecords } from './cost.ts';
import { bills, estimates, invoices, purchaseOrders } from './documents.ts';
import { costCodeRecords, glRecords, jobRecords, vendorRecords } from './lists.ts';
import { Lookups } from './lookups.ts';
import type { QbdMapping } from './mapping.ts';
import type { MirrorSource } from './mirror.ts';
import { jobReportRecords } from './report.ts';

export const QBD_TABLES: readonly CanonicalTableName[] = [
  'jobs',
  'cost_codes',
  'vendors',
  'budget_lines',
  'prime_contracts',
  'commitments',
  'commitment_lines',
  'payables',
  'payable_lines',
  'cost_transactions',
  'billings',
  'gl_balances',
  'reported_job_totals',
];

export function lookupsOf(source: MirrorSource, mapping: QbdMapping): Lookups {
  return new Lookups(mapping, {
    customers: [...source.records('Customer')],
    items: [...source.records('Item')],
    classes: [...source.records('Class')],
    accounts: [...source.records('Account')],
    vendors: [...source.records('Vendor')],
  });
}

const BATCH = 2048;

export async function* mirrorTables(
  source: MirrorSource,
  mapping: QbdMapping,
  ctx: Pick<ReadContext, 'side' | 'progress'>,
  asOf: string,
): AsyncIterable<TableStream> {
  const lookups = lookupsOf(source, mapping);
  const done = (table: CanonicalTableName, records: SourceRecord[]): TableStream =>
    tableStream(
      table,
      (async function* () {
        for (let i = 0; i < records.length; i += BATCH) yield records.slice(i, i + BATCH);
        ctx.progress({ side: ctx.side, table, rows: records.length, done: true });
      })(),
    );
  yield done('jobs', jobRecords(lookups, mapping));
  yield done('cost_codes', costCodeRecords(lookups));
  yield done('vendors', vendorRecords(lookups, mapping));
  const est = estimates(source.records('Estimate'), lookups);
  yield done('budget_lines', est.budget);
  yield done('prime_contracts', est.contracts);
  const po = purchaseOrders(source.records('PurchaseOrder'), lookups);
  yield done('commitments', po.commitments);
  yield done('commitment_lines', po.lines);
  const ap = bills(source.records('Bill'), lookups, po.idOf);
  yield done('payables', ap.payables);
  yield done('payable_lines', ap.lines);
  yield tableStream(
    'cost_transactions',
    (async function* () {
      let n = 0;
      let batch: SourceRecord[] = [];
      for (const { entity, sign } of COST_DOCUMENTS) {
        for (const doc of source.records(entity)) {
          for (const r of costRecords(entity, sign, doc, lookups, mapping)) batch.push(r);
          if (batch.length >= BATCH) {
            n += batch.length;
            yield batch;
            batch = [];
            ctx.progress({ side: ctx.side, table: 'cost_transactions', rows: n });
          }
        }
      }
      n += batch.length;
      if (batch.length) yield batch;
      ctx.progress({ side: ctx.side, table: 'cost_transactions', rows: n, done: true });
    })(),
  );
  yield done('billings', [
    ...invoices(source.records('Invoice'), lookups, false),
    ...invoices(source.records('CreditMemo'), lookups, true),
  ]);
  if (mapping.glAccounts) yield done('gl_balances', glRecords(lookups, mapping, asOf));
  yield done('reported_job_totals', jobReportRecords(source.jobReport(), lookups, asOf));
}
