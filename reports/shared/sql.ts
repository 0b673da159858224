/**
 * Loads a report's SQL file from beside its module. A file may reference the shared job link as
 * `{{job_link}}`; it is spliced in as a CTE body (SQL text from this folder, never user input — values are
 * always bound parameters).
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

function read(url: URL): string {
  const key = url.href;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    cache.set(key, text);
  }
  return text;
}

export function loadReportSql(moduleUrl: string, file: string): string {
  const sql = read(new URL(file, moduleUrl));
  if (!sql.includes('{{job_link}}')) return sql;
  const link = read(new URL('./job-link.sql', import.meta.url));
  return sql.replaceAll('{{job_link}}', link);
}
