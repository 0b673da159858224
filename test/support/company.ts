/** Writes canonical CSV folders and a config for a test company. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompanyConfig } from '../../src/config/schema.ts';
import { companySchema } from '../../src/config/schema.ts';

export type CsvFolder = Record<string, string>;

export function writeFolder(dir: string, files: CsvFolder): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

export function companyConfig(root: string, overrides: Record<string, unknown> = {}): CompanyConfig {
  return companySchema.parse({
    id: 'acme',
    name: 'Acme Builders',
    timezone: 'America/Chicago',
    pm: { type: 'files', dir: path.join(root, 'pm') },
    erp: { type: 'files', dir: path.join(root, 'erp') },
    ...overrides,
  });
}

export function writeConfig(file: string, companies: unknown[]): string {
  writeFileSync(file, JSON.stringify({ companies }, null, 2));
  return file;
}

export const PM_JOBS =
  'job_id,linked_id,number,name,status\n101,J1,2024-001,"Riverside Clinic, Phase 1",open\n';
export const ERP_JOBS = 'job_id,number,name,status\nJ1,2024-001,Riverside Clinic Phase 1,open\n';

/** An ERP cost file with `rows` valid rows (line 2 onwards). */
export function costRows(rows: number, amount = (i: number) => `${i}.10`): string {
  let out = 'transaction_id,job_id,date,cost_code,cost_type,amount,source,status\n';
  for (let i = 1; i <= rows; i++) out += `${i},J1,2026-10-31,03-300,material,${amount(i)},ap,posted\n`;
  return out;
}
