/** Loads a report's SQL file from beside its module (SQL text from this repository, never user input). */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

export function loadReportSql(moduleUrl: string, file: string): string {
  const url = new URL(file, moduleUrl);
  let text = cache.get(url.href);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    cache.set(url.href, text);
  }
  return text;
}
