/**
 * The bonding workbook: a Capacity sheet with live formulas, then the contracts-in-progress and trend tables
 * as values. On the Capacity sheet the inputs are the balance-sheet lines (GL and WIP), the surety's
 * multipliers and, per job, revised contract, earned revenue and cost to complete; current assets and
 * liabilities, working capital, the limits, work on hand, what is available, the 10 % test and the backlog
 * totals are formulas over them, each caching tieout's own value.
 */
import ExcelJS from 'exceljs';
import type { Dec } from '../../connectors/canonical/money.ts';
import { addValueSheet, MONEY_FORMAT, printSetup } from '../shared/xlsx.ts';
import type { BondingReport } from './bonding.ts';
import { bondingHeader, contractsInProgressTable, trendTable } from './tables.ts';

const n = (v: Dec) => Number(v.toString());

/** Where each figure landed on the Capacity sheet (B column unless said), for the test and for readers. */
export type CapacityCells = Record<string, string>;

function addCapacitySheet(wb: ExcelJS.Workbook, r: BondingReport): CapacityCells {
  const header = bondingHeader(r);
  const ws = wb.addWorksheet('Capacity', { views: [{ state: 'frozen', ySplit: 5 }] });
  printSetup(ws);
  ws.addRow([header.company]).font = { bold: true, size: 13 };
  ws.addRow([`Working capital and bonding capacity — as of ${r.asOf}`]).font = { bold: true };
  ws.addRow([header.lines.join(' · ')]);
  ws.addRow([
    'Inputs: the balance-sheet lines, the multipliers and each job’s contract, earned revenue and cost to complete. The rest are formulas.',
  ]);
  ws.addRow(['Figure', 'Amount']).font = { bold: true };
  const cells: CapacityCells = {};
  const put = (
    key: string,
    label: string,
    value: number | { formula: string; result: number | string } | null,
  ) => {
    const row = ws.addRow([label, value]);
    cells[key] = `B${row.number}`;
    return row;
  };
  const wc = r.workingCapital;
  if (!wc) {
    for (const w of r.warnings) ws.addRow([w]);
    return cells;
  }
  const first = ws.rowCount + 1;
  for (const l of wc.assets) put(`asset:${l.key}`, l.label, n(l.amount));
  put('current_assets', 'Current assets', {
    formula: `SUM(B${first}:B${ws.rowCount})`,
    result: n(wc.currentAssets),
  }).font = { bold: true };
  const firstLiability = ws.rowCount + 1;
  for (const l of wc.liabilities) put(`liability:${l.key}`, l.label, n(l.amount));
  put('current_liabilities', 'Current liabilities', {
    formula: `SUM(B${firstLiability}:B${ws.rowCount})`,
    result: n(wc.currentLiabilities),
  }).font = { bold: true };
  put('working_capital', 'Working capital', {
    formula: `${cells.current_assets}-${cells.current_liabilities}`,
    result: n(wc.workingCapital),
  }).font = { bold: true };
  put('equity', 'Equity', wc.equity === null ? null : n(wc.equity));
  put('single_multiplier', 'Single-job multiplier', Number(r.settings.singleMultiplier)).getCell(2).numFmt =
    '0.0#';
  put('aggregate_multiplier', 'Aggregate multiplier', Number(r.settings.aggregateMultiplier)).getCell(
    2,
  ).numFmt = '0.0#';
  // The backlog block sits below; its totals' rows are known before it is written.
  const backlogHeaderRow = ws.rowCount + 9;
  const firstJob = backlogHeaderRow + 1;
  const lastJob = backlogHeaderRow + r.backlog.jobs.length;
  const totalRow = lastJob + 1;
  const revenueTotal = `E${totalRow}`;
  const ctcTotal = `F${totalRow}`;
  const cap = r.capacity!;
  const test = r.tenPercentTest!;
  put('single_job_limit', 'Single-job limit', {
    formula: `MAX(${cells.working_capital},0)*${cells.single_multiplier}`,
    result: n(cap.singleJobLimit),
  });
  put('aggregate_limit', 'Aggregate limit', {
    formula: `${cells.single_job_limit}*${cells.aggregate_multiplier}`,
    result: n(cap.aggregateLimit),
  });
  put(`work_on_hand`, `Work on hand (${r.settings.workOnHand.replaceAll('_', ' ')})`, {
    formula: r.settings.workOnHand === 'cost_to_complete' ? ctcTotal : revenueTotal,
    result: n(cap.workOnHand),
  });
  put('available', 'Available', {
    formula: `${cells.aggregate_limit}-${cells.work_on_hand}`,
    result: n(cap.available),
  });
  put('ten_percent_required', '10 % of cost to complete', {
    formula: `${ctcTotal}*0.1`,
    result: n(test.required),
  });
  put('ten_percent_working_capital', '10 % test: working capital', {
    formula: `IF(${cells.working_capital}>=${cells.ten_percent_required},"passes","fails")`,
    result: test.workingCapitalPasses ? 'passes' : 'fails',
  });
  put(
    'ten_percent_equity',
    '10 % test: equity',
    test.equityPasses === null
      ? null
      : {
          formula: `IF(${cells.equity}>=${cells.ten_percent_required},"passes","fails")`,
          result: test.equityPasses ? 'passes' : 'fails',
        },
  );
  while (ws.rowCount < backlogHeaderRow - 1) ws.addRow([]);
  if (ws.rowCount !== backlogHeaderRow - 1) throw new Error('the capacity block outgrew its rows');
  const head = ws.addRow([
    'Job',
    'Job name',
    'Revised contract',
    'Earned revenue',
    'Revenue to be earned',
    'Cost to complete',
  ]);
  head.font = { bold: true };
  r.backlog.jobs.forEach((j, i) => {
    const row = firstJob + i;
    ws.addRow([
      j.jobNumber,
      j.jobName,
      n(j.contractAmount),
      n(j.earnedRevenue),
      { formula: `C${row}-D${row}`, result: n(j.revenueToBeEarned) },
      j.costToComplete === null ? null : n(j.costToComplete),
    ]);
  });
  const sum = (col: string, v: Dec) =>
    r.backlog.jobs.length ? { formula: `SUM(${col}${firstJob}:${col}${lastJob})`, result: n(v) } : 0;
  const totals = ws.addRow([
    'Total',
    null,
    null,
    null,
    sum('E', r.backlog.revenueToBeEarned),
    sum('F', r.backlog.costToComplete),
  ]);
  totals.font = { bold: true };
  cells.backlog_revenue = revenueTotal;
  cells.backlog_cost_to_complete = ctcTotal;
  ws.getColumn(1).width = 44;
  for (const c of [2, 3, 4, 5, 6]) {
    const col = ws.getColumn(c);
    col.width = c === 2 ? 28 : 18;
    col.numFmt = MONEY_FORMAT;
  }
  ws.addRow([]);
  for (const f of r.redFlags) ws.addRow([`RED FLAG: ${f.reason}`]);
  for (const w of r.warnings) ws.addRow([w]);
  return cells;
}

export async function bondingWorkbook(r: BondingReport): Promise<{ buffer: Buffer; cells: CapacityCells }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tieout';
  wb.created = new Date(0);
  const cells = addCapacitySheet(wb, r);
  const header = bondingHeader(r);
  for (const t of [contractsInProgressTable(r), trendTable(r)]) addValueSheet(wb, header, t);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), cells };
}
