/**
 * The WIP workbook with live formulas, opened again and recomputed: every formula is evaluated by a small
 * independent evaluator (test/support/formula-eval.ts) from the input cells, and both that result and the
 * value cached in the file must equal the WIP JSON to the cent. Changing an input (an estimate) in the
 * evaluator recomputes the row and the totals the way Excel would.
 */

import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { wipJson } from '../../reports/wip/json.ts';
import { buildWipSchedule } from '../../reports/wip/schedule.ts';
import { wipHeader } from '../../reports/wip/tables.ts';
import type { WipSchedule } from '../../reports/wip/types.ts';
import { HEADER_ROW, WORKBOOK_COLUMNS, wipWorkbook } from '../../reports/wip/workbook.ts';
import { fixtureSnapshot } from '../support/fixture-snapshot.ts';
import { evaluate, type Lookup, parse, type Value } from '../support/formula-eval.ts';
import { tempDir } from '../support/tmp.ts';
import { readSheetCells } from '../support/xlsx-cells.ts';
import { type GoldenJob, goldenRows } from './support/wip-job.ts';

const AS_OF = '2026-10-31';
const scratch = tempDir('tieout-workbook-');

const JOBS: GoldenJob[] = [
  // Kieso, Intermediate Accounting, Hardhat year 1: C 4,500,000, EAC 4,000,000, CTD 1,000,000 → 25 %,
  // earned 1,125,000; billed 900,000 → under billing 225,000.
  {
    number: 'HH-1',
    originalContract: '4500000.00',
    pmEstimate: '4000000.00',
    costs: [{ date: '2026-10-15', amount: '1000000.00' }],
    billings: [{ periodEnd: AS_OF, amount: '900000.00' }],
  },
  // CICPAC guide pp. 27–28 (ASC 606-10-55-21): TP 5,000,000, costs 4,000,000 incl. 1,500,000 elevators not yet
  // installed; other costs 500,000 → 500/2,500 = 20 %; revenue 20 % × 3,500,000 + 1,500,000 = 2,200,000.
  {
    number: 'EL-1',
    originalContract: '5000000.00',
    pmEstimate: '4000000.00',
    costs: [{ date: '2026-10-15', amount: '2000000.00' }],
    billings: [{ periodEnd: AS_OF, amount: '2500000.00' }],
  },
  // A loss job: C 1,000,000, EAC 1,200,000, CTD 300,000 → 25 %; earned 250,000; provision 200,000 × 75 % =
  // 150,000; gross profit to date = 250,000 − (300,000 + 150,000) = −200,000 (the whole loss).
  {
    number: 'LS-1',
    originalContract: '1000000.00',
    pmEstimate: '1200000.00',
    costs: [{ date: '2026-10-15', amount: '300000.00' }],
    billings: [{ periodEnd: AS_OF, amount: '333333.33' }],
  },
  // A third of the way: 1,000,000 of 3,000,000 on C 3,333,333.33 → earned 1,111,111.11 (a repeating decimal).
  {
    number: 'TH-1',
    originalContract: '3333333.33',
    pmEstimate: '3000000.00',
    costs: [{ date: '2026-10-15', amount: '1000000.00' }],
    billings: [{ periodEnd: AS_OF, amount: '1000000.00' }],
  },
  // No estimate: 0 %, nothing earned, blank estimated gross profit and cost to complete.
  { number: 'NE-1', originalContract: '750000.00', costs: [{ date: '2026-10-15', amount: '50000.00' }] },
];

async function schedule(): Promise<WipSchedule> {
  const rows = goldenRows(JOBS);
  const snap = await fixtureSnapshot(rows);
  try {
    return await buildWipSchedule(snap.con, {
      asOf: AS_OF,
      company: { id: 'acme', name: 'Acme Builders' },
      estimateSource: 'pm',
      fiscalYearStartMonth: 1,
      fiscalYearBaseline: null,
      periodBaseline: null,
      overrides: [
        {
          jobNumber: 'EL-1',
          period: '2026-10',
          uninstalledMaterials: '1500000.00',
          note: 'elevators on site',
        },
      ],
    });
  } finally {
    snap.close();
  }
}

/** A sheet as cells, read from the file's XML: inputs as exact decimals, formulas as text, cached results. */
function sheetCells(buffer: Buffer) {
  const inputs = new Map<string, Value>();
  const formulas = new Map<string, string>();
  const cached = new Map<string, string>();
  for (const [address, cell] of readSheetCells(buffer, scratch)) {
    if (cell.formula !== null) {
      formulas.set(address, cell.formula);
      cached.set(address, cell.value);
    } else if (cell.type === 'number' && cell.value !== '') inputs.set(address, new Decimal(cell.value));
    else inputs.set(address, cell.value);
  }
  return { inputs, formulas, cached };
}

function evaluator(cells: ReturnType<typeof sheetCells>, changed: Map<string, Value> = new Map()): Lookup {
  const memo = new Map<string, Value | null>();
  const lookup: Lookup = (cell) => {
    if (changed.has(cell)) return changed.get(cell)!;
    if (memo.has(cell)) return memo.get(cell)!;
    const f = cells.formulas.get(cell);
    const v = f === undefined ? (cells.inputs.get(cell) ?? null) : evaluate(parse(f), lookup);
    memo.set(cell, v);
    return v;
  };
  return lookup;
}

const cents = (v: unknown): string | null => {
  if (v === '' || v === null || v === undefined) return null;
  return new Decimal(v instanceof Decimal ? v : String(v)).toFixed(2, Decimal.ROUND_HALF_UP);
};

// The JSON key each workbook column shows.
const JSON_KEY: Record<string, string> = {
  contract: 'contract_amount',
  eac: 'estimated_total_cost',
  ctd: 'cost_to_date',
  u: 'uninstalled_materials',
  billed: 'billed_to_date',
  egp: 'estimated_gross_profit',
  pct: 'percent_complete',
  earned: 'earned_revenue',
  provision: 'provision_for_loss',
  gp: 'gross_profit_to_date',
  ctc: 'cost_to_complete',
  rtbe: 'revenue_to_be_earned',
  ou: 'over_under_billing',
  over: 'over_billing',
  under: 'under_billing',
};
const col = (key: string) => String.fromCharCode(65 + WORKBOOK_COLUMNS.findIndex((c) => c.key === key));

describe('the WIP workbook', () => {
  it('recomputes to the JSON to the cent, from its formulas and from its cached values', async () => {
    const wip = await schedule();
    const json = wipJson(wip) as {
      jobs: Record<string, string | null>[];
      totals: Record<string, string | null>;
    };
    const buffer = await wipWorkbook(wipHeader(wip), wip, []);
    const cells = sheetCells(buffer);
    const lookup = evaluator(cells);
    let checked = 0;
    json.jobs.forEach((job, i) => {
      const row = HEADER_ROW + 1 + i;
      expect(cells.inputs.get(`A${row}`)).toBe(job.job_number);
      for (const c of WORKBOOK_COLUMNS) {
        const key = JSON_KEY[c.key];
        if (!key) continue;
        const address = `${col(c.key)}${row}`;
        const want = c.format === 'percent' ? job[key] : job[key];
        if (c.formula) {
          expect(cells.formulas.has(address), `${address} is a formula`).toBe(true);
          const recomputed = lookup(address);
          if (c.format === 'percent') {
            expect(new Decimal(String(recomputed)).toFixed(10), `${job.job_number} ${key}`).toBe(want);
            expect(new Decimal(cells.cached.get(address)!).toFixed(10)).toBe(want);
          } else {
            expect(cents(recomputed), `${job.job_number} ${key} recomputed`).toBe(want);
            expect(cents(cells.cached.get(address)), `${job.job_number} ${key} cached`).toBe(want);
          }
        } else {
          expect(cents(cells.inputs.get(address) ?? null), `${job.job_number} ${key} input`).toBe(want);
        }
        checked++;
      }
    });
    // Totals: SUM formulas, recomputed and cached equal to the JSON totals.
    const totalRow = HEADER_ROW + json.jobs.length + 1;
    for (const c of WORKBOOK_COLUMNS.filter((x) => x.total)) {
      const address = `${col(c.key)}${totalRow}`;
      const want = json.totals[JSON_KEY[c.key]!];
      expect(cells.formulas.get(address)).toMatch(/^SUM\(/);
      expect(cents(lookup(address)), `total ${c.key}`).toBe(want);
      expect(cents(cells.cached.get(address)), `cached total ${c.key}`).toBe(want);
    }
    expect(checked).toBe(json.jobs.length * Object.keys(JSON_KEY).length);
    // The hand-worked figures (see JOBS).
    const el = json.jobs.find((j) => j.job_number === 'EL-1')!;
    expect([el.percent_complete, el.earned_revenue]).toEqual(['0.2000000000', '2200000.00']);
    const ls = json.jobs.find((j) => j.job_number === 'LS-1')!;
    expect([ls.provision_for_loss, ls.gross_profit_to_date]).toEqual(['150000.00', '-200000.00']);
    expect(json.jobs.find((j) => j.job_number === 'TH-1')!.earned_revenue).toBe('1111111.11');
  });

  it('a changed estimate recomputes the row and the totals', async () => {
    const wip = await schedule();
    const cells = sheetCells(await wipWorkbook(wipHeader(wip), wip, []));
    const row = HEADER_ROW + 1 + wip.jobs.findIndex((l) => l.jobNumber === 'HH-1');
    // Kieso, Hardhat year 2 estimate: EAC 4,050,000 with CTD 1,000,000 → 24.691358 %; earned
    // 1,000,000 / 4,050,000 × 4,500,000 = 1,111,111.11; billed 900,000 → under billing 211,111.11.
    const lookup = evaluator(cells, new Map([[`${col('eac')}${row}`, new Decimal('4050000')]]));
    expect(cents(lookup(`${col('earned')}${row}`))).toBe('1111111.11');
    expect(cents(lookup(`${col('egp')}${row}`))).toBe('450000.00');
    expect(cents(lookup(`${col('under')}${row}`))).toBe('211111.11');
    const totalRow = HEADER_ROW + wip.jobs.length + 1;
    const before = new Decimal(cells.cached.get(`${col('earned')}${totalRow}`)!);
    // The total earned falls by 1,125,000 − 1,111,111.11 = 13,888.89.
    expect(cents(before.minus(lookup(`${col('earned')}${totalRow}`) as Decimal))).toBe('13888.89');
  });

  it('money has two decimals, ratios are percents, the header is frozen and it prints landscape one page wide', async () => {
    const wip = await schedule();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await wipWorkbook(wipHeader(wip), wip, [])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('WIP')!;
    const first = HEADER_ROW + 1;
    expect(ws.getCell(`${col('earned')}${first}`).numFmt).toBe('#,##0.00;(#,##0.00);"-"');
    expect(ws.getCell(`${col('contract')}${first}`).numFmt).toBe('#,##0.00;(#,##0.00);"-"');
    expect(ws.getCell(`${col('pct')}${first}`).numFmt).toBe('0.00%;(0.00%)');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });
});
