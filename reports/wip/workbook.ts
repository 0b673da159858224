/**
 * The WIP workbook a CPA can audit: the schedule of contracts in progress with live Excel formulas. The input
 * cells are what the books and the estimates say (contract, estimated total cost, cost to date, uninstalled
 * materials, billed to date); percent complete, earned revenue, gross profit, the loss provision, over/under
 * billing and every total are formulas over them (DESIGN §6, the same rules as formulas.ts), so changing an
 * estimate recomputes the schedule. Each formula cell also carries tieout's own value as the cached result,
 * unrounded, so a reader that does not recalculate shows the same figures as the JSON to the cent.
 * The other sheets (completed contracts, gain/fade, balance-sheet tie-out) are values, as in tablesXlsx.
 */
import ExcelJS from 'exceljs';
import type { Dec } from '../../connectors/canonical/money.ts';
import type { ReportHeader, ReportTable } from '../shared/table.ts';
import { addValueSheet, MONEY_FORMAT, PERCENT_FORMAT, printSetup } from '../shared/xlsx.ts';
import type { WipJobLine, WipSchedule, WipTotals } from './types.ts';

interface FormulaColumn {
  key: string;
  label: string;
  format: 'text' | 'money' | 'percent';
  /** An input: the value written into the cell. */
  input?(l: WipJobLine): Dec | string | null;
  /** A formula over the row's cells, `{x}` standing for column x of the same row. */
  formula?: string;
  /** tieout's value of the formula, cached in the file. */
  value?(l: WipJobLine): Dec | null;
  /** The column's total: SUM over the job rows, cached as tieout's total. */
  total?(t: WipTotals): Dec;
}

// An estimate is usable when it is above zero and above the uninstalled materials (formulas.ts).
const USABLE = 'AND(N({eac})>0,N({eac})>N({u}))';

export const WORKBOOK_COLUMNS: readonly FormulaColumn[] = [
  { key: 'job_number', label: 'Job', format: 'text', input: (l) => l.jobNumber },
  { key: 'job_name', label: 'Job name', format: 'text', input: (l) => l.jobName },
  {
    key: 'contract',
    label: 'Revised contract',
    format: 'money',
    input: (l) => l.contractAmount,
    total: (t) => t.contractAmount,
  },
  {
    key: 'eac',
    label: 'Estimated total cost',
    format: 'money',
    input: (l) => l.estimatedTotalCost,
    total: (t) => t.estimatedTotalCost,
  },
  {
    key: 'ctd',
    label: 'Cost to date',
    format: 'money',
    input: (l) => l.costToDate,
    total: (t) => t.costToDate,
  },
  {
    key: 'u',
    label: 'Uninstalled materials',
    format: 'money',
    input: (l) => l.uninstalledMaterials,
    total: (t) => t.uninstalledMaterials,
  },
  {
    key: 'billed',
    label: 'Billed to date',
    format: 'money',
    input: (l) => l.billedToDate,
    total: (t) => t.billedToDate,
  },
  {
    key: 'egp',
    label: 'Estimated gross profit',
    format: 'money',
    formula: `IF(${USABLE},{contract}-{eac},"")`,
    value: (l) => l.estimatedGrossProfit,
    total: (t) => t.estimatedGrossProfit,
  },
  {
    key: 'pct',
    label: 'Percent complete',
    format: 'percent',
    formula: `IF(${USABLE},MIN(1,MAX({ctd}-{u},0)/({eac}-{u})),0)`,
    value: (l) => l.percentComplete,
  },
  {
    key: 'earned',
    label: 'Earned revenue',
    format: 'money',
    formula: `IF(${USABLE},{pct}*({contract}-MIN({u},MAX({ctd},0)))+MIN({u},MAX({ctd},0)),0)`,
    value: (l) => l.earnedRevenue,
    total: (t) => t.earnedRevenue,
  },
  {
    key: 'provision',
    label: 'Provision for loss',
    format: 'money',
    formula: `IF(AND(${USABLE},N({eac})>{contract}),({eac}-{contract})*(1-{pct}),0)`,
    value: (l) => l.provisionForLoss,
    total: (t) => t.provisionForLoss,
  },
  {
    key: 'gp',
    label: 'Gross profit to date',
    format: 'money',
    formula: `{earned}-IF(${USABLE},{ctd}+{provision},0)`,
    value: (l) => l.grossProfitToDate,
    total: (t) => t.grossProfitToDate,
  },
  {
    key: 'ctc',
    label: 'Cost to complete',
    format: 'money',
    formula: `IF(${USABLE},MAX({eac}-{ctd},0),"")`,
    value: (l) => l.costToComplete,
    total: (t) => t.costToComplete,
  },
  {
    key: 'rtbe',
    label: 'Revenue to be earned',
    format: 'money',
    formula: '{contract}-{earned}',
    value: (l) => l.revenueToBeEarned,
    total: (t) => t.revenueToBeEarned,
  },
  {
    key: 'ou',
    label: 'Over/(under) billing',
    format: 'money',
    formula: '{billed}-{earned}',
    value: (l) => l.overUnderBilling,
    total: (t) => t.overUnderBilling,
  },
  {
    key: 'over',
    label: 'Billings in excess (liability)',
    format: 'money',
    formula: 'MAX({ou},0)',
    value: (l) => l.overBilling,
    total: (t) => t.overBilling,
  },
  {
    key: 'under',
    label: 'Costs in excess (asset)',
    format: 'money',
    formula: 'MAX(-{ou},0)',
    value: (l) => l.underBilling,
    total: (t) => t.underBilling,
  },
];

const letter = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const LETTER: Record<string, string> = Object.fromEntries(WORKBOOK_COLUMNS.map((c, i) => [c.key, letter(i)]));

/** The formula of a column on one row: `{x}` → the cell of column x on that row. */
export function rowFormula(formula: string, row: number): string {
  return formula.replace(/\{(\w+)\}/g, (_, key: string) => {
    const col = LETTER[key];
    if (!col) throw new Error(`workbook formula names an unknown column ${key}`);
    return `${col}${row}`;
  });
}

// Excel holds doubles: the exact decimals stay in the JSON and CSV; the cached value is the nearest double.
const num = (v: Dec | string | null) =>
  v === null ? null : typeof v === 'string' ? v : Number(v.toString());

/** Row of the column headers; job rows follow it. */
export const HEADER_ROW = 5;

function addScheduleSheet(wb: ExcelJS.Workbook, header: ReportHeader, s: WipSchedule): void {
  const ws = wb.addWorksheet('WIP', { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }] });
  printSetup(ws);
  ws.addRow([header.company]).font = { bold: true, size: 13 };
  ws.addRow([`Schedule of Contracts in Progress — as of ${s.asOf}`]).font = { bold: true };
  ws.addRow([header.lines.join(' · ')]);
  ws.addRow([
    'Inputs: revised contract, estimated total cost, cost to date, uninstalled materials, billed to date. Every other column is a formula.',
  ]);
  const head = ws.addRow(WORKBOOK_COLUMNS.map((c) => c.label));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'bottom' };
  head.height = 30;
  s.jobs.forEach((l, i) => {
    const r = HEADER_ROW + 1 + i;
    const row = ws.getRow(r);
    WORKBOOK_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (c.input) cell.value = num(c.input(l));
      else if (c.formula) {
        const v = c.value?.(l) ?? null;
        cell.value = { formula: rowFormula(c.formula, r), result: v === null ? '' : Number(v.toString()) };
      }
    });
  });
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + s.jobs.length;
  const totals = ws.getRow(last + 1);
  totals.getCell(1).value = 'Total';
  WORKBOOK_COLUMNS.forEach((c, j) => {
    if (!c.total) return;
    const col = letter(j);
    totals.getCell(j + 1).value = {
      formula: s.jobs.length ? `SUM(${col}${first}:${col}${last})` : '0',
      result: Number(c.total(s.totals).toString()),
    };
  });
  totals.font = { bold: true };
  totals.eachCell((cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  });
  WORKBOOK_COLUMNS.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    col.width = c.format === 'text' ? (j === 1 ? 32 : 12) : 16;
    if (c.format === 'money') col.numFmt = MONEY_FORMAT;
    if (c.format === 'percent') col.numFmt = PERCENT_FORMAT;
  });
  ws.addRow([]);
  for (const w of s.warnings) ws.addRow([w]);
}

/** The WIP workbook: the live schedule first, then the value sheets (completed, fade, tie-out). */
export async function wipWorkbook(
  header: ReportHeader,
  s: WipSchedule,
  others: ReportTable[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tieout';
  wb.created = new Date(0);
  addScheduleSheet(wb, header, s);
  for (const t of others) addValueSheet(wb, header, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
