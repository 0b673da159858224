/** The conversion rules from Sage values to canonical ones. */
import { describe, expect, it } from 'vitest';
import { GlBalances, periodEndDate } from '../../connectors/sage100c/map-gl.ts';
import { requiredColumns } from '../../connectors/sage100c/queries.ts';
import { canonicalCostCode, canonicalCostType, sagePercent } from '../../connectors/sage100c/values.ts';
import { DEFAULT_MAPPING } from './sandbox.ts';

describe('cost code normalisation', () => {
  it('trim drops trailing zeros of the three decimals', () => {
    expect(canonicalCostCode('1000.000', 'trim')).toBe('1000');
    expect(canonicalCostCode('9.100', 'trim')).toBe('9.1');
    expect(canonicalCostCode('12.345', 'trim')).toBe('12.345');
    expect(canonicalCostCode('100.010', 'trim')).toBe('100.01');
    expect(canonicalCostCode('0.000', 'trim')).toBe('0');
  });
  it('keep prints all three decimals', () => {
    expect(canonicalCostCode('1000', 'keep')).toBe('1000.000');
    expect(canonicalCostCode('9.1', 'keep')).toBe('9.100');
  });
  it('no cost code stays empty', () => {
    expect(canonicalCostCode(null, 'trim')).toBeNull();
  });
});

describe('cost types', () => {
  it('1–5 are the standard types, 6–9 keep their number', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(canonicalCostType)).toEqual([
      'material',
      'labor',
      'equipment',
      'subcontract',
      'other',
      '6',
      '9',
    ]);
    expect(canonicalCostType(0)).toBeNull();
  });
  it('retention rates print in percentage points', () => {
    expect(sagePercent('10.0000')).toBe('10');
    expect(sagePercent('7.5000')).toBe('7.5');
  });
});

describe('GL periods', () => {
  it('count from the fiscal year’s first month', () => {
    expect(periodEndDate(2026, 1, 1)).toBe('2026-01-31');
    expect(periodEndDate(2026, 1, 7)).toBe('2026-07-31');
    expect(periodEndDate(2026, 7, 7)).toBe('2027-01-31');
    expect(periodEndDate(2028, 2, 1)).toBe('2028-02-29');
  });
  it('period activity adds up to a running balance per account, opening balance included', () => {
    const gl = new GlBalances({ ...DEFAULT_MAPPING, glBalance: 'activity' });
    const rows = [
      { account: '1290', postyr: 2026, actprd: 0, balnce: '1000.00' },
      { account: '1290', postyr: 2026, actprd: 1, balnce: '100.00' },
      { account: '1290', postyr: 2026, actprd: 2, balnce: '-30.50' },
      { account: '9999', postyr: 2026, actprd: 2, balnce: '5.00' },
      { account: '1290', postyr: 2026, actprd: 13, balnce: '1.00' },
    ].map((r) => gl.map(r));
    expect(rows.map((r) => (r?.ok ? r.values.balance : null))).toEqual([
      null,
      '1100.00',
      '1069.50',
      null,
      null,
    ]);
  });
});

describe('the .sql files', () => {
  it('name every table and column they read', () => {
    const payables = requiredColumns('payables');
    expect([...payables.keys()]).toEqual(['acpinv']);
    expect(payables.get('acpinv')).toContain('invttl');
    expect(payables.get('acpinv')).not.toContain('invamt');
  });
});
