import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duckdbType, snapshotColumnOrder } from '../../connectors/canonical/ddl.ts';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { fastValidator } from '../../connectors/canonical/fast.ts';
import { MoneyFormatError, parseMoney, parseMoneyLenient } from '../../connectors/canonical/money.ts';
import { SCHEMAS, validateRow } from '../../connectors/canonical/schemas.ts';
import { TABLE_NAMES, TABLES } from '../../connectors/canonical/tables.ts';
import { snapshotDdl } from '../../src/snapshot/layout.ts';

describe('canonical model', () => {
  it('DuckDB tables agree with the zod schemas: same columns, same order, money as DECIMAL(18,2)', async () => {
    const instance = await openDuckDb(':memory:');
    const con = await instance.connect();
    await con.run(snapshotDdl());
    for (const table of TABLE_NAMES) {
      const described = await queryRows<{ column_name: string; column_type: string; null: string }>(
        con,
        `DESCRIBE "${table}"`,
      );
      expect(described.map((c) => c.column_name)).toEqual(snapshotColumnOrder(table));
      const zodKeys = Object.keys((SCHEMAS[table] as unknown as { shape: Record<string, unknown> }).shape);
      expect(described.slice(1, -1).map((c) => c.column_name)).toEqual(zodKeys);
      for (const column of TABLES[table].columns) {
        const d = described.find((c) => c.column_name === column.name)!;
        expect(d.column_type, `${table}.${column.name}`).toBe(duckdbType(column));
        expect(d.null, `${table}.${column.name}`).toBe(column.required ? 'NO' : 'YES');
        if (column.kind.type === 'money') expect(d.column_type).toBe('DECIMAL(18,2)');
      }
    }
    con.closeSync();
    instance.closeSync();
  });

  it('ids are strings: a Procore id above 2^53 survives unchanged', () => {
    const r = validateRow('jobs', { job_id: '9007199254740993', number: '1', name: 'A', status: 'open' });
    expect(r.ok && r.row.job_id).toBe('9007199254740993');
  });

  it('the compiled validator accepts exactly what zod accepts, with the same result', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '0',
        '-0',
        '0.10',
        '12.5',
        '1,234.00',
        '12.345',
        '12.340',
        '2026-02-29',
        '2024-02-29',
      ),
      fc.constantFrom(
        'open',
        'OPEN',
        'void',
        'labor',
        '10',
        '7.5',
        'x\ny',
        '9999999999999999.99',
        '99999999999999999',
      ),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^-?\d{1,18}(\.\d{0,4})?$/),
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    );
    for (const table of TABLE_NAMES) {
      const names = TABLES[table].columns.map((c) => c.name);
      fc.assert(
        fc.property(fc.tuple(...names.map(() => cell)), (cells) => {
          const values = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
          const zod = SCHEMAS[table].safeParse(values);
          const fast = fastValidator(table)(values);
          if (fast !== undefined) {
            expect(zod.success, `${table} fast accepted ${JSON.stringify(values)}`).toBe(true);
            expect(fast).toEqual(zod.data);
          }
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe('money', () => {
  it.each([
    ['0.1', '0.10'],
    ['-0.00', '0.00'],
    ['12.500', '12.50'],
    ['99999999999.99', '99999999999.99'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('parses %s exactly as %s', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each([
    ['1,234.50', /thousands separators/],
    ['(12.00)', /minus sign/],
    ['$12', /currency symbol/],
    ['1e3', /exponent/],
    ['12.345', /more than two decimals/],
    ['10000000000000000', /larger than/],
  ])('refuses %s with a hint', (input, hint) => {
    expect(() => parseMoney(input)).toThrow(MoneyFormatError);
    expect(() => parseMoney(input)).toThrow(hint);
  });

  it('reads API money of any shape without a float on the way', () => {
    expect(parseMoneyLenient('$1,087.80')).toBe('1087.80');
    expect(parseMoneyLenient('1087.8000')).toBe('1087.80');
    expect(parseMoneyLenient(1087.8)).toBe('1087.80');
    expect(parseMoneyLenient('(250.00)')).toBe('-250.00');
    expect(parseMoneyLenient(null)).toBeNull();
    expect(() => parseMoneyLenient('12.345')).toThrow(/fractions of a cent/);
    expect(parseMoneyLenient('12.345', { roundToCents: true })).toBe('12.35');
    expect(() => parseMoneyLenient('abc')).toThrow(MoneyFormatError);
  });
});
