/** Runs a report for the CLI (and later the API) and renders it in the format the caller picked. */

import { bondingJson } from '../../reports/bonding/json.ts';
import { bondingHeader, bondingTables } from '../../reports/bonding/tables.ts';
import { bondingWorkbook } from '../../reports/bonding/workbook.ts';
import { completedJson, completedSchedule } from '../../reports/completed/completed.ts';
import { completedTable } from '../../reports/completed/tables.ts';
import { fadeJson, fadeReport } from '../../reports/fade/fade.ts';
import { fadeTable } from '../../reports/fade/tables.ts';
import { buildJobCostReport } from '../../reports/job-cost/job-cost.ts';
import { jobCostJson, jobCostSummaryTable, jobCostTable } from '../../reports/job-cost/tables.ts';
import type { ReportHeader, ReportTable } from '../../reports/shared/table.ts';
import { tablesXlsx } from '../../reports/shared/xlsx.ts';
import { suretyPdf } from '../../reports/surety/pdf.ts';
import { tablesPdf } from '../../reports/surety/tables-pdf.ts';
import { wipJson } from '../../reports/wip/json.ts';
import { balanceSheetTable, wipHeader, wipTable } from '../../reports/wip/tables.ts';
import { wipWorkbook } from '../../reports/wip/workbook.ts';
import type { CompanyConfig } from '../config/schema.ts';
import { closedAuditHead } from '../periods/audit-head.ts';
import type { Runtime } from '../runtime.ts';
import { snapshotForAsOf } from './as-of.ts';
import { computeBonding } from './bonding.ts';
import { tablesCsvFile } from './csv-file.ts';
import type { ReportFormat, ReportKind } from './kinds.ts';
import { baselineFromClosed, computeWip, ReportError, withSnapshot } from './wip-inputs.ts';

export { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from './kinds.ts';

export interface ReportRequest {
  kind: ReportKind;
  format: ReportFormat;
  asOf: string;
  jobNumber?: string;
  preparedBy?: string;
}

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
}

const TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

async function renderTables(
  format: Exclude<ReportFormat, 'json'>,
  header: ReportHeader,
  tables: ReportTable[],
): Promise<string | Buffer> {
  if (format === 'csv') return tablesCsvFile(tables);
  if (format === 'xlsx') return tablesXlsx(header, tables);
  return tablesPdf(header, tables);
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Builds and renders one report, timed for /metrics. */
export async function renderReport(
  runtime: Runtime,
  company: CompanyConfig,
  req: ReportRequest,
): Promise<RenderedReport> {
  const started = performance.now();
  try {
    return await buildAndRender(runtime, company, req);
  } finally {
    runtime.metrics?.reportRender.observe(
      { report: req.kind, format: req.format },
      (performance.now() - started) / 1000,
    );
  }
}

async function buildAndRender(
  runtime: Runtime,
  company: CompanyConfig,
  req: ReportRequest,
): Promise<RenderedReport> {
  const contentType = TYPES[req.format];
  const who = { id: company.id, name: company.name };
  if (req.kind === 'job-cost') {
    if (!req.jobNumber) throw new ReportError('bad_request', 'name the job: --job NUMBER');
    const chosen = snapshotForAsOf(runtime.store.db, company, req.asOf);
    if (!chosen) {
      throw new ReportError(
        'no_snapshot',
        `no snapshot of ${company.id} yet: run \`tieout snapshot --company ${company.id}\``,
      );
    }
    const { snapshot } = chosen;
    const report = await withSnapshot(runtime, snapshot, (con) =>
      buildJobCostReport(con, {
        asOf: req.asOf,
        company: who,
        jobNumber: req.jobNumber!,
        ...(chosen.note ? { snapshotNote: chosen.note } : {}),
      }),
    );
    if (req.format === 'json') return { body: json(jobCostJson(report)), contentType };
    const header: ReportHeader = {
      title: 'Job Cost Report',
      company: company.name,
      asOf: req.asOf,
      lines: [`Job ${report.job.number} ${report.job.name}`, `Snapshot ${snapshot.takenAt}`],
    };
    const tables = [jobCostTable(report)];
    // CSV holds the lines only; the XLSX and PDF put the job summary on top.
    if (req.format !== 'csv') tables.unshift(jobCostSummaryTable(report));
    return { body: await renderTables(req.format, header, tables), contentType };
  }

  if (req.kind === 'bonding') {
    const { report } = await computeBonding(runtime, company, { asOf: req.asOf, preparedBy: req.preparedBy });
    if (req.format === 'json') return { body: json(bondingJson(report)), contentType };
    if (req.format === 'xlsx') return { body: (await bondingWorkbook(report)).buffer, contentType };
    const tables = bondingTables(report);
    // A CSV holds one table: the capacity summary. The PDF carries every table.
    return {
      body: await renderTables(
        req.format,
        bondingHeader(report),
        req.format === 'csv' ? tables.slice(0, 1) : tables,
      ),
      contentType,
    };
  }

  const run = await computeWip(runtime, company, { asOf: req.asOf, preparedBy: req.preparedBy });
  const wip = run.schedule;
  const previous = run.previousClosed ? baselineFromClosed(run.previousClosed) : null;
  const fade = fadeReport(wip, previous, run.trend);
  const completed = completedSchedule(wip);
  const header = wipHeader(wip);
  // The surety package carries the bonding section, computed from the same WIP.
  const bondingOf = async () => (await computeBonding(runtime, company, { asOf: req.asOf }, run)).report;
  // A closed period's PDF prints the audit head its close recorded.
  const auditHead = run.closed ? closedAuditHead(run.closed) : null;

  if (req.kind === 'wip') {
    if (req.format === 'json') return { body: json(wipJson(wip)), contentType };
    if (req.format === 'csv')
      return {
        body: await renderTables('csv', header, [{ ...wipTable(wip), totals: undefined }]),
        contentType,
      };
    if (req.format === 'pdf')
      return {
        body: await suretyPdf({ wip, fade, completed, bonding: await bondingOf(), auditHead }),
        contentType,
      };
    return {
      body: await wipWorkbook(header, wip, [
        completedTable(completed),
        fadeTable(fade),
        balanceSheetTable(wip),
      ]),
      contentType,
    };
  }
  if (req.kind === 'surety') {
    if (req.format !== 'pdf')
      throw new ReportError('bad_request', 'the surety package is a PDF: use --format pdf');
    return {
      body: await suretyPdf({ wip, fade, completed, bonding: await bondingOf(), auditHead }),
      contentType,
    };
  }
  if (req.kind === 'completed') {
    if (req.format === 'json') return { body: json(completedJson(completed, who)), contentType };
    return {
      body: await renderTables(req.format, { ...header, title: 'Completed Contracts' }, [
        completedTable(completed),
      ]),
      contentType,
    };
  }
  if (req.format === 'json') return { body: json(fadeJson(fade, who)), contentType };
  return {
    body: await renderTables(req.format, { ...header, title: 'Gain/Fade Analysis' }, [fadeTable(fade)]),
    contentType,
  };
}
