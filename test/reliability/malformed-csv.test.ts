/**
 * Malformed canonical CSV through the files connector, in real snapshot runs. Each case spoils one file of
 * a company that has a good snapshot: the run either reads it as intended (a BOM, CRLF line ends: the same
 * rows as before) or fails atomically with an error naming file and line (and the column where there is
 * one): nothing half-imported, the previous snapshot current. Spoiled files are tried both in a small table
 * (vendors, record path) and in the cost table (the native DuckDB CSV path when the file is plainly valid).
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERP_FIXTURE, PM_FIXTURE, type RunCompany, runCompany, sideRows } from '../support/run-company.ts';
import { tempDir } from '../support/tmp.ts';
import { expectAtomicFailure, expectPublished } from './atomic.ts';

type Spoil = (text: string) => string | Buffer;
interface Case {
  name: string;
  side: 'pm' | 'erp';
  file: string;
  spoil: Spoil;
  /**
   * 'same': read as intended; `verbatim`: published with this text kept as written; otherwise the location
   * the error must name ("vendors.csv:3", "cost_transactions.csv:3:6"…).
   */
  expect: 'same' | { verbatim: string } | { location: string; words?: RegExp };
}

/** Replaces the `column`th cell (1-based) of data line `line` (1-based, the header is line 1). */
const cell =
  (line: number, column: number, value: string): Spoil =>
  (text) =>
    text
      .split('\n')
      .map((l, i) => {
        if (i !== line - 1) return l;
        const cells = l.split(',');
        cells[column - 1] = value;
        return cells.join(',');
      })
      .join('\n');

const COSTS = 'cost_transactions.csv';
const CASES: Case[] = [
  { name: 'a UTF-8 byte-order mark', side: 'erp', file: COSTS, spoil: (t) => `\uFEFF${t}`, expect: 'same' },
  {
    name: 'CRLF line ends',
    side: 'erp',
    file: COSTS,
    spoil: (t) => t.replace(/\n/g, '\r\n'),
    expect: 'same',
  },
  {
    name: 'CRLF line ends with a BOM',
    side: 'pm',
    file: 'vendors.csv',
    spoil: (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`,
    expect: 'same',
  },
  {
    name: 'a bad decimal',
    side: 'erp',
    file: COSTS,
    spoil: cell(3, 6, '1.2.3'),
    expect: { location: `${COSTS}:3:6` },
  },
  {
    name: 'a thousands separator',
    side: 'erp',
    file: COSTS,
    spoil: cell(4, 6, '"40,000.00"'),
    expect: { location: `${COSTS}:4:6` },
  },
  {
    name: 'a currency sign',
    side: 'erp',
    file: COSTS,
    spoil: cell(2, 6, '$100000.00'),
    expect: { location: `${COSTS}:2:6` },
  },
  {
    name: 'three decimal places',
    side: 'erp',
    file: COSTS,
    spoil: cell(2, 6, '100000.005'),
    expect: { location: `${COSTS}:2:6` },
  },
  {
    name: 'an impossible date',
    side: 'erp',
    file: COSTS,
    spoil: cell(3, 3, '2026-02-30'),
    expect: { location: `${COSTS}:3:3` },
  },
  {
    name: 'a US-style date',
    side: 'erp',
    file: COSTS,
    spoil: cell(3, 3, '06/30/2026'),
    expect: { location: `${COSTS}:3:3` },
  },
  {
    name: 'an unknown status',
    side: 'erp',
    file: COSTS,
    spoil: cell(2, 10, 'booked'),
    expect: { location: `${COSTS}:2:10` },
  },
  {
    name: 'a missing required cell',
    side: 'pm',
    file: 'vendors.csv',
    spoil: cell(3, 1, ''),
    expect: { location: 'vendors.csv:3' },
  },
  {
    name: 'a misspelt column',
    side: 'erp',
    file: COSTS,
    spoil: (t) => t.replace('amount', 'amout'),
    expect: { location: COSTS, words: /amout|amount/ },
  },
  {
    name: 'a missing required column',
    side: 'erp',
    file: COSTS,
    spoil: (t) =>
      t
        .split('\n')
        .map((l) =>
          l
            .split(',')
            .filter((_, i) => i !== 5)
            .join(','),
        )
        .join('\n'),
    expect: { location: COSTS, words: /amount/ },
  },
  {
    name: 'a row with a cell too many',
    side: 'erp',
    file: COSTS,
    spoil: (t) => t.replace('Summit pay app 2', 'Summit pay app 2,extra'),
    expect: { location: `${COSTS}:3` },
  },
  {
    name: 'a row with a cell too few',
    side: 'pm',
    file: 'vendors.csv',
    spoil: (t) => t.replace('Valley Drywall,active', 'Valley Drywall'),
    expect: { location: 'vendors.csv:4' },
  },
  {
    name: 'a stray quote inside a cell',
    side: 'pm',
    file: 'vendors.csv',
    spoil: (t) => t.replace('Valley Drywall', 'Valley "Dry" wall'),
    expect: { verbatim: 'Valley "Dry" wall' },
  },
  {
    name: 'an unterminated quote',
    side: 'pm',
    file: 'vendors.csv',
    spoil: (t) => t.replace('Valley Drywall', '"Valley Drywall'),
    expect: { location: 'vendors.csv' },
  },
  { name: 'an empty file', side: 'erp', file: COSTS, spoil: () => '', expect: { location: COSTS } },
  {
    name: 'an empty jobs file',
    side: 'pm',
    file: 'jobs.csv',
    spoil: () => '',
    expect: { location: 'jobs.csv' },
  },
  {
    name: 'a very long line',
    side: 'erp',
    file: COSTS,
    spoil: cell(2, 11, 'x'.repeat(3_000_000)),
    expect: { location: `${COSTS}:2`, words: /maximum/ },
  },
  {
    name: 'invalid UTF-8',
    side: 'pm',
    file: 'vendors.csv',
    spoil: (t) =>
      Buffer.concat([
        Buffer.from(t.split('Valley')[0]!),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(`Valley${t.split('Valley')[1]}`),
      ]),
    expect: { location: 'vendors.csv:4:3', words: /UTF-8/ },
  },
];

let company: RunCompany;
let root: string;
const baseline: Record<string, Record<string, string[]>> = {};

function restore() {
  for (const [side, from] of [
    ['pm', PM_FIXTURE],
    ['erp', ERP_FIXTURE],
  ] as const) {
    rmSync(path.join(root, side), { recursive: true, force: true });
    cpSync(from, path.join(root, side), { recursive: true });
  }
}

beforeAll(async () => {
  root = tempDir();
  restore();
  company = await runCompany(root, { pm: { type: 'files', dir: 'pm' }, erp: { type: 'files', dir: 'erp' } });
  const first = await company.snapshot();
  if (!first.ok) throw new Error(first.message);
  baseline.pm = await sideRows(first.absolutePath, 'pm');
  baseline.erp = await sideRows(first.absolutePath, 'erp');
});
afterAll(() => company?.close());

describe('malformed CSV in the files connector', () => {
  it.each(CASES)('$name in $side/$file', async (c) => {
    restore();
    const file = path.join(root, c.side, c.file);
    writeFileSync(file, c.spoil(readFileSync(file, 'utf8')));
    const before = company.state();
    const outcome = await company.snapshot();
    if (c.expect === 'same') {
      expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
      if (!outcome.ok) return;
      expectPublished(company, before, outcome);
      expect(await sideRows(outcome.absolutePath, c.side)).toEqual(baseline[c.side]);
      return;
    }
    if ('verbatim' in c.expect) {
      expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
      if (!outcome.ok) return;
      expectPublished(company, before, outcome);
      const cells = Object.values(await sideRows(outcome.absolutePath, c.side))
        .flat()
        .flatMap((row) => Object.values(JSON.parse(row) as Record<string, unknown>));
      expect(cells).toContain(c.expect.verbatim);
      return;
    }
    expect(outcome.ok, 'the spoiled file was accepted').toBe(false);
    if (outcome.ok) return;
    expectAtomicFailure(company, before, outcome);
    expect(outcome.side).toBe(c.side);
    expect(outcome.message).toContain(c.expect.location);
    if (c.expect.words) expect(outcome.message).toMatch(c.expect.words);
    // A message a person can act on, not a wall: the 3 MB cell is not echoed back.
    expect(outcome.message.length).toBeLessThan(4_000);
  });
});
