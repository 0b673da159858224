/**
 * The report-export way in: Sage 100 Contractor's own report exports (reports.ts lists which, and which
 * columns) turned into the same row shapes the SQL queries produce, then mapped by the same functions, so
 * both ways in agree on every rule. What exports cannot carry: the AP invoice behind a job cost (no ledger
 * link), change-order lines and budget-only changes, commitment lines, GL balances.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { Dec } from '../../canonical/money.ts';
import type { CanonicalTableName } from '../../canonical/tables.ts';
import {
  type Connector,
  type ReadContext,
  SourceError,
  type SourceRecord,
  type TableStream,
} from '../../contract.ts';
import { folderDataAsOf } from '../../data-age.ts';
import type { MappingOptions } from '../config.ts';
import { BudgetAccumulator, billingRecord, costRecord, jobRecord, primeContractRecord } from '../map-core.ts';
import { assembleChangeOrders, payableRecord, subcontractRecord } from '../map-documents.ts';
import type { SqlRow } from '../sql-client.ts';
import { Cells } from './cells.ts';
import { type ReportRow, readReport } from './read.ts';
import { REPORTS, type ReportSpec, STATUS_WORDS } from './reports.ts';

const BUDGET_CURRENT = [
  'matbdg',
  'labbdg',
  'eqpbdg',
  'subbdg',
  'othbdg',
  'usrcs6',
  'usrcs7',
  'usrcs8',
  'usrcs9',
];
const BUDGET_ORIGINAL = [
  'matorg',
  'laborg',
  'eqporg',
  'suborg',
  'othorg',
  'cs6org',
  'cs7org',
  'cs8org',
  'cs9org',
];

export function reportExportsConnector(dir: string, mapping: MappingOptions): Connector {
  return {
    describe: () => ({
      system: 'sage100c',
      version: '1.0.0',
      tables: [
        'jobs',
        'prime_contracts',
        'budget_lines',
        'cost_transactions',
        'change_orders',
        'commitments',
        'payables',
        'billings',
      ],
      canWrite: false,
      location: `Sage 100 Contractor report exports in ${dir}`,
    }),
    read: (ctx) => readExports(dir, mapping, ctx),
  };
}

async function findFile(dir: string, spec: ReportSpec): Promise<string | undefined> {
  for (const ext of ['.xlsx', '.csv']) {
    const file = path.join(dir, spec.file + ext);
    try {
      await access(file);
      return file;
    } catch {}
  }
  return undefined;
}

interface LoadedReport {
  name: string;
  spec: ReportSpec;
  rows: ReportRow[];
}

async function load(dir: string, spec: ReportSpec): Promise<LoadedReport | undefined> {
  const file = await findFile(dir, spec);
  if (!file) return undefined;
  return { name: path.basename(file), spec, rows: await readReport(file, spec) };
}

async function* readExports(
  dir: string,
  mapping: MappingOptions,
  ctx: ReadContext,
): AsyncIterable<TableStream> {
  const jobs = await load(dir, REPORTS.jobs);
  if (!jobs)
    throw new SourceError(
      'sage_export_missing',
      `${dir} has no jobs.xlsx or jobs.csv: export the 3-5 Jobs list first`,
    );
  // The data is as old as the export (the newest report file, or the folder's export.json).
  const files: string[] = [];
  for (const spec of Object.values(REPORTS)) {
    const file = await findFile(dir, spec);
    if (file) files.push(file);
  }
  ctx.dataAsOf?.(await folderDataAsOf(dir, files));
  const stream = (table: CanonicalTableName, records: (SourceRecord | undefined)[]): TableStream => ({
    table,
    records: (async function* () {
      for (const r of records) if (r) yield r;
    })(),
  });
  const rowsOf = <T>(report: LoadedReport | undefined, fn: (c: Cells) => T) =>
    (report?.rows ?? []).map((r) => fn(new Cells(report!.name, r, report!.spec)));
  const at = (report: { name: string } | undefined, r: SourceRecord, line: number): SourceRecord => ({
    ...r,
    sourceRef: `${report?.name}:${line}`,
  });

  const jobRows = rowsOf(jobs, (c) => ({
    recnum: c.key('recnum'),
    jobnme: c.text('jobnme'),
    status: c.code('status', STATUS_WORDS.job!) ?? 4,
    cntrct: c.money('cntrct') ?? '0.00',
    connum: c.text('connum'),
    sttdte: c.date('sttdte'),
    cmpdte: c.date('cmpdte'),
  }));
  yield stream(
    'jobs',
    jobRows.map((r, i) => at(jobs, jobRecord(r, mapping), jobs.rows[i]!.line)),
  );
  yield stream(
    'prime_contracts',
    jobRows.map((r, i) => {
      const rec = primeContractRecord(r, mapping);
      return rec && at(jobs, rec, jobs.rows[i]!.line);
    }),
  );

  const budget = await load(dir, REPORTS.budget);
  const accumulator = new BudgetAccumulator(mapping);
  for (const row of rowsOf(budget, (c) => {
    const type = c.code('csttyp', STATUS_WORDS.costType!) ?? 0;
    if (type < 1 || type > 9) c.fail('csttyp', 'is not a cost type 1–9');
    const out: SqlRow = {
      jobnum: c.key('jobnum'),
      phsnum: c.key('phsnum') ?? 0,
      linnum: 0,
      cstcde: c.text('cstcde'),
    };
    out[BUDGET_CURRENT[type - 1]!] = c.money('current') ?? '0.00';
    out[BUDGET_ORIGINAL[type - 1]!] = c.money('original') ?? '0.00';
    return out;
  }))
    accumulator.add(row);
  // A report not exported is a table not delivered (the run names it), not a table with no rows.
  if (budget) yield stream('budget_lines', [...accumulator.records()]);

  const jobCost = await load(dir, REPORTS.jobCost);
  if (jobCost)
    yield stream(
      'cost_transactions',
      rowsOf(jobCost, (c) =>
        at(
          jobCost,
          costRecord(
            {
              recnum: c.key('recnum'),
              jobnum: c.key('jobnum'),
              phsnum: c.key('phsnum'),
              cstcde: c.text('cstcde'),
              csttyp: c.code('csttyp', STATUS_WORDS.costType!),
              cstamt: c.money('cstamt'),
              trndte: c.date('trndte'),
              status: c.code('status', STATUS_WORDS.jobCost!) ?? 1,
              srcnme: c.text('srcnme'),
              vndnum: c.key('vndnum'),
              dscrpt: c.text('dscrpt'),
              invoice: null,
            },
            mapping,
          ),
          c.row.line,
        ),
      ),
    );

  const changeOrders = await load(dir, REPORTS.changeOrders);
  const headers = rowsOf(changeOrders, (c) => ({
    recnum: c.key('recnum'),
    chgnum: c.text('chgnum'),
    jobnum: c.key('jobnum'),
    status: c.code('status', STATUS_WORDS.changeOrder!),
    aprdte: c.date('aprdte'),
    appamt: c.money('appamt') ?? '0.00',
    reqamt: c.money('reqamt') ?? '0.00',
    cstamt: c.money('cstamt') ?? '0.00',
    dscrpt: c.text('dscrpt'),
    line: c.row.line,
  }));
  if (changeOrders)
    yield stream(
      'change_orders',
      assembleChangeOrders(headers, [], [], mapping).orders.map((r) => {
        const header = headers.find((h) => String(h.recnum) === r.sourceRef.replace(/^prmchg recnum /, ''));
        return at(changeOrders, r, header?.line ?? 0);
      }),
    );

  const subcontracts = await load(dir, REPORTS.subcontracts);
  const subRows = rowsOf(subcontracts, (c) => ({
    recnum: c.key('recnum'),
    ctcnum: c.text('ctcnum'),
    jobnum: c.key('jobnum'),
    vndnum: c.key('vndnum'),
    status: c.code('status', STATUS_WORDS.subcontract!) ?? 4,
    cntttl: c.money('cntttl'),
    chgttl: c.money('chgttl') ?? '0.00',
    ctcttl: c.money('ctcttl'),
    rtnrte: c.text('rtnrte')?.replace('%', '') ?? null,
    condte: c.date('condte'),
    line: c.row.line,
  }));
  if (subcontracts)
    yield stream(
      'commitments',
      subRows.map((r) => at(subcontracts, subcontractRecord(r, mapping), r.line)),
    );

  const payables = await load(dir, REPORTS.payables);
  if (payables)
    yield stream(
      'payables',
      rowsOf(payables, (c) => {
        const job = c.key('jobnum');
        const sub = subRows.find((s) => s.jobnum === job && s.ctcnum === c.text('ctcnum'));
        const row = {
          recnum: c.key('recnum'),
          invnum: c.text('invnum'),
          jobnum: job,
          vndnum: c.key('vndnum'),
          invdte: c.date('invdte'),
          status: c.code('status', STATUS_WORDS.invoice!) ?? 1,
          invtyp: c.code('invtyp', STATUS_WORDS.invoiceType!) ?? (sub ? 1 : 2),
          subcontract: sub?.recnum ?? null,
          purchase_order: null,
          invttl: c.money('invttl'),
          retain: c.money('retain') ?? '0.00',
          invnet: c.money('invnet'),
        };
        return at(payables, payableRecord(row, mapping), c.row.line);
      }),
    );

  const receivables = await load(dir, REPORTS.receivables);
  if (receivables)
    yield stream(
      'billings',
      rowsOf(receivables, (c) => {
        // As billings.sql: contract invoices, and memo invoices only when they bill retention back.
        const invtyp = c.code('invtyp', STATUS_WORDS.invoiceType!) ?? 1;
        const retain = c.money('retain') ?? '0.00';
        if (invtyp !== 1 && !(invtyp === 2 && new Dec(retain).isNegative())) return undefined;
        const row = {
          recnum: c.key('recnum'),
          invnum: c.text('invnum'),
          jobnum: c.key('jobnum'),
          invdte: c.date('invdte'),
          status: c.code('status', STATUS_WORDS.invoice!) ?? 1,
          invtyp,
          invttl: c.money('invttl'),
          slstax: c.money('slstax') ?? '0.00',
          retain,
        };
        return at(receivables, billingRecord(row, mapping), c.row.line);
      }),
    );
}
