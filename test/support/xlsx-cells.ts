/**
 * Reads the cells of an XLSX sheet straight from the file's XML (unzip + fast-xml-parser), not through the
 * library that wrote it: each cell's formula, and its stored value (the cached result of a formula) as text.
 * exceljs's own reader drops a formula's cached result of 0, so a test that wants to see what Excel will
 * show before it recalculates reads the XML.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface RawCell {
  formula: string | null;
  /** The stored value: a number as its text, a string, or '' (a formula whose result is blank). */
  value: string;
  type: 'number' | 'string';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) => ['row', 'c', 'si', 'sheet'].includes(name),
});

const text = (node: unknown): string => {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as Record<string, unknown>)['#text'] ?? '');
  return String(node);
};

export function readSheetCells(buffer: Buffer, dir: string, sheet = 1): Map<string, RawCell> {
  const file = path.join(dir, `book-${process.hrtime.bigint()}.xlsx`);
  writeFileSync(file, buffer);
  const unzip = (entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
  const shared: string[] = [];
  try {
    const sst = parser.parse(unzip('xl/sharedStrings.xml'));
    for (const si of sst.sst?.si ?? []) shared.push(text(si.t));
  } catch {
    // A workbook without text cells has no shared strings.
  }
  const xml = parser.parse(unzip(`xl/worksheets/sheet${sheet}.xml`));
  const cells = new Map<string, RawCell>();
  for (const row of xml.worksheet.sheetData.row ?? []) {
    for (const c of row.c ?? []) {
      const formula = c.f === undefined ? null : text(c.f);
      const v = text(c.v);
      const isText = c.t === 's' || c.t === 'str' || c.t === 'inlineStr';
      cells.set(c.r, {
        formula,
        value: c.t === 's' ? (shared[Number(v)] ?? '') : v,
        type: isText ? 'string' : 'number',
      });
    }
  }
  return cells;
}
