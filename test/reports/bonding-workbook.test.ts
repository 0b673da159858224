/**
 * The bonding workbook recomputed: its Capacity sheet read back from the file's XML and every formula
 * evaluated independently (test/support/formula-eval.ts); the recomputed and the cached values equal the
 * bonding JSON to the cent. Figures: the Bartko CPA working-capital example (test/reports/bonding-golden).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { bondingWorkbook } from '../../reports/bonding/workbook.ts';
import { evaluate, type Lookup, parse, type Value } from '../support/formula-eval.ts';
import { tempDir } from '../support/tmp.ts';
import { readSheetCells } from '../support/xlsx-cells.ts';
import { gl, runBonding } from './support/bonding-run.ts';

const AS_OF = '2026-10-31';
const scratch = tempDir('tieout-bonding-book-');
const halfDone = (number: string, billed: string) => ({
  number,
  originalContract: '1000000.00',
  pmEstimate: '800000.00',
  costs: [{ date: '2026-10-15', amount: '400000.00' }],
  billings: [{ periodEnd: AS_OF, amount: billed }],
});

async function bartko() {
  return runBonding(
    [halfDone('U-1', '460000.00'), halfDone('O-1', '600000.00')],
    [
      gl('1000', 'cash', AS_OF, '100000.00'),
      gl('1100', 'accounts_receivable', AS_OF, '400000.00'),
      gl('1150', 'retainage_receivable', AS_OF, '25000.00'),
      gl('2000', 'accounts_payable', AS_OF, '-150000.00'),
      gl('2010', 'retainage_payable', AS_OF, '-20000.00'),
      gl('2100', 'other_current_liabilities', AS_OF, '-45000.00'),
      gl('2200', 'line_of_credit', AS_OF, '-50000.00'),
      gl('3000', 'equity', AS_OF, '-70000.00'),
    ],
    { asOf: AS_OF },
  );
}

function evaluator(buffer: Buffer, changed: Map<string, Value> = new Map()) {
  const raw = readSheetCells(buffer, scratch);
  const memo = new Map<string, Value | null>();
  const lookup: Lookup = (cell) => {
    if (changed.has(cell)) return changed.get(cell)!;
    if (memo.has(cell)) return memo.get(cell)!;
    const c = raw.get(cell);
    let v: Value | null = null;
    if (c?.formula) v = evaluate(parse(c.formula), lookup);
    else if (c && c.value !== '') v = c.type === 'number' ? new Decimal(c.value) : c.value;
    memo.set(cell, v);
    return v;
  };
  return { raw, lookup };
}
const cents = (v: unknown) => new Decimal(String(v)).toFixed(2, Decimal.ROUND_HALF_UP);

describe('the bonding workbook', () => {
  it('recomputes working capital, the limits, work on hand and the 10 % test to the JSON', async () => {
    const out = await bartko();
    const { buffer, cells } = await bondingWorkbook(out.report);
    const { raw, lookup } = evaluator(buffer);
    const figures = [
      'current_assets',
      'current_liabilities',
      'working_capital',
      'single_job_limit',
      'aggregate_limit',
      'work_on_hand',
      'available',
      'backlog_revenue',
      'backlog_cost_to_complete',
    ] as const;
    for (const key of figures) {
      const address = cells[key]!;
      expect(raw.get(address)?.formula, `${key} is a formula`).toBeTruthy();
      expect(cents(lookup(address)), `${key} recomputed`).toBe(out[key]);
      expect(cents(raw.get(address)!.value), `${key} cached`).toBe(out[key]);
    }
    // 10 % of 800,000 = 80,000: working capital 200,000 passes, equity 70,000 fails.
    expect(cents(lookup(cells.ten_percent_required!))).toBe(out.ten_percent_test!.required);
    expect(lookup(cells.ten_percent_working_capital!)).toBe('passes');
    expect(lookup(cells.ten_percent_equity!)).toBe('fails');
    expect(raw.get(cells.ten_percent_equity!)!.value).toBe('fails');
    expect(out.working_capital).toBe('200000.00');
  });

  it('a changed balance recomputes working capital and the limits', async () => {
    const out = await bartko();
    const { buffer, cells } = await bondingWorkbook(out.report);
    // Cash 100,000 → 150,000: working capital 250,000, single 2,500,000, aggregate 6,250,000,
    // available 6,250,000 − 800,000 = 5,450,000.
    const { lookup } = evaluator(buffer, new Map([[cells['asset:cash']!, new Decimal('150000')]]));
    expect(cents(lookup(cells.working_capital!))).toBe('250000.00');
    expect(cents(lookup(cells.single_job_limit!))).toBe('2500000.00');
    expect(cents(lookup(cells.aggregate_limit!))).toBe('6250000.00');
    expect(cents(lookup(cells.available!))).toBe('5450000.00');
  });
});
