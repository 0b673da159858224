/** Text cells of an exported report → the typed values the SQL mapping expects, failing with file:line. */
import { parseMoneyLenient } from '../../canonical/money.ts';
import { SourceError } from '../../contract.ts';
import type { ReportRow } from './read.ts';
import type { ReportSpec } from './reports.ts';

export class Cells {
  constructor(
    private readonly file: string,
    readonly row: ReportRow,
    private readonly spec: ReportSpec,
  ) {}
  fail(field: string, why: string): never {
    const heading = this.spec.columns.find((c) => c.field === field)?.headings[0] ?? field;
    throw new SourceError(
      'sage_export_value',
      `${this.file}:${this.row.line}: ${heading} "${this.row.values[field]}" ${why}`,
    );
  }
  text(field: string): string | null {
    return this.row.values[field] || null;
  }
  key(field: string): string | null {
    const v = this.row.values[field];
    if (!v) return null;
    const m = /^(\d+)/.exec(v); // "1017 - Smith Residence" → 1017
    return m ? m[1]! : this.fail(field, 'does not start with a number');
  }
  money(field: string): string | null {
    try {
      return parseMoneyLenient(this.row.values[field] ?? '');
    } catch {
      return this.fail(field, 'is not an amount');
    }
  }
  date(field: string): string | null {
    const v = this.row.values[field];
    if (!v) return null;
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
    return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : this.fail(field, 'is not a date (MM/DD/YYYY)');
  }
  code(field: string, words: Record<string, number>): number | null {
    const v = this.row.values[field];
    if (!v) return null;
    const n = /^(\d+)/.exec(v);
    if (n) return Number(n[1]);
    const word =
      words[
        v
          .toLowerCase()
          .replace(/\s*\(.*$/, '')
          .trim()
      ];
    return word ?? this.fail(field, `is not one of ${Object.keys(words).join(', ')}`);
  }
}
