/** The small parsers every Procore response goes through. */
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../connectors/procore/json.ts';
import { parseLinkHeader } from '../../connectors/procore/link.ts';
import { FieldError, money, percent } from '../../connectors/procore/map/fields.ts';
import { MoneyStyler } from '../../connectors/procore/sandbox/money-text.ts';

describe('64-bit ids', () => {
  it('an id beyond 2^53 arrives as its exact digits', () => {
    const parsed = parseJsonExact(
      '[{"id":9007199254740993,"amount":1087.8,"note":"id 9007199254740993"}]',
    ) as {
      id: unknown;
      amount: unknown;
      note: string;
    }[];
    expect(parsed[0]!.id).toBe('9007199254740993');
    expect(parsed[0]!.amount).toBe(1087.8);
    expect(parsed[0]!.note).toBe('id 9007199254740993');
  });
});

describe('Link header', () => {
  it('reads the folded, trailing-comma form of the 2022 documentation', () => {
    const links = parseLinkHeader(
      '<https://api.procore.com/rest/v1.0/punch_items?page=1&per_page=5>; rel="first",\n    <https://api.procore.com/rest/v1.0/punch_items?page=4&per_page=5>; rel="next",',
    );
    expect(links.next).toBe('https://api.procore.com/rest/v1.0/punch_items?page=4&per_page=5');
    expect(links.first).toContain('page=1');
  });

  it('reads unquoted rel values and reports no next on the last page', () => {
    expect(parseLinkHeader('<https://x/a?page=1>; rel=first').first).toBe('https://x/a?page=1');
    expect(parseLinkHeader('<https://x/a?page=1>; rel="first"').next).toBeUndefined();
  });
});

describe('one money parser for every Procore amount', () => {
  it.each([
    ['1087.8', '1087.80'],
    ['1087.8000', '1087.80'],
    [1087.8, '1087.80'],
    ['$1,087.80', '1087.80'],
    ['-$250.00', '-250.00'],
    ['(250.00)', '-250.00'],
    [null, null],
  ])('%j reads as %j', (input, expected) => {
    expect(money(input, 'amount')).toBe(expected);
  });

  it('refuses what it cannot read, naming field and value', () => {
    expect(() => money('12,50', 'grand_total')).toThrow(FieldError);
    expect(() => money({ x: 1 }, 'grand_total')).toThrow(/field grand_total: .*\{"x":1\}/);
    expect(() => money('1087.805', 'amount')).toThrow(/fractions of a cent/);
  });

  it('the sandbox renders every style, and each reads back to the same amount', () => {
    const styler = new MoneyStyler();
    const shapes = Array.from({ length: 5 }, () => styler.render('-1234567.50'));
    expect(shapes).toEqual(['-1234567.50', '-1234567.5', '-1234567.5000', '-1234567.500', '-$1,234,567.50']);
    for (const s of shapes) expect(money(s, 'amount')).toBe('-1234567.50');
    // A JSON number, should Procore ever send one, reads the same.
    expect(money(-1234567.5, 'amount')).toBe('-1234567.50');
  });

  it('percentages keep their value whatever the scale', () => {
    expect(percent('10.00', 'retainage_percent')).toBe('10');
    expect(percent('5.5%', 'retainage_percent')).toBe('5.5');
    expect(() => percent('ten', 'retainage_percent')).toThrow(FieldError);
  });
});
