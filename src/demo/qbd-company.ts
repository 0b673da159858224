/**
 * The second demo company, whose books are QuickBooks Desktop: a generated company (its own seed) whose ERP
 * side is served by the QuickBooks sandbox and read through a whole Web Connector session over SOAP before
 * each snapshot. Written into `<data dir>/demo-qbd/` beside the Sage one:
 * - `pm/`, `erp/`, `truth.json`, `company.json`: the generator's output (the ERP side is the dataset the
 *   sandbox company is rendered from; `company.json` maps by the dataset's ids);
 * - `qbd-settings.json`: the settings the company runs with: the id mappings translated to the QuickBooks
 *   ListIDs the sandbox gives those records, and the tables QuickBooks does not keep;
 * - `not-applicable.json`: the planted findings QuickBooks cannot represent, each with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';
import { renderSandbox } from '../../connectors/qbd/sandbox/in-process.ts';
import {
  type CompanyConfig,
  type CompanySettings,
  companySchema,
  companySettingsSchema,
} from '../config/schema.ts';
import { checkSpec } from '../recon/catalogue.ts';
import { generateDemo } from './generate.ts';
import type { ExpectedFinding, Truth } from './truth.ts';

export const QBD_DEMO_COMPANY_ID = 'demo-qbd';
export const QBD_DEMO_COMPANY_NAME = 'Juniper Ridge Contractors (QuickBooks Desktop)';
export const QBD_DEMO_SEED = 15;
const SETTINGS_FILE = 'qbd-settings.json';
const NOT_APPLICABLE_FILE = 'not-applicable.json';

/** What QuickBooks Desktop does not keep, and why (a table the checks need is then not compared). */
export const QBD_LACKS: Partial<Record<CanonicalTableName, string>> = {
  change_orders:
    'QuickBooks Desktop keeps no change orders: an approved change order reaches the books only as a revision of the job’s estimate (lines marked CO), so there is no change order on the books side to compare',
  change_order_lines:
    'QuickBooks Desktop keeps no change orders, so no change-order lines (the estimate’s CO lines carry the budget change)',
};

export interface NotApplicable {
  /** The planted case's id in truth.json. */
  case: string;
  finding: ExpectedFinding;
  reason: string;
}

export function qbdDemoDir(dataDir: string): string {
  return path.join(dataDir, QBD_DEMO_COMPANY_ID);
}

/** The planted findings whose check needs a table QuickBooks does not keep. */
export function notApplicableInQuickBooks(truth: Truth): NotApplicable[] {
  const lacking = Object.keys(QBD_LACKS) as CanonicalTableName[];
  return truth.planted.flatMap((p) =>
    p.expected_findings.flatMap((finding) => {
      const table = checkSpec(finding.check).needs.erp.find((t) => lacking.includes(t));
      return table ? [{ case: p.id, finding, reason: QBD_LACKS[table]! }] : [];
    }),
  );
}

/** The generator's settings with the job and vendor maps naming QuickBooks ListIDs instead of dataset ids. */
async function quickBooksSettings(dir: string): Promise<CompanySettings> {
  const settings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')),
  );
  const { ids } = (await renderSandbox(path.join(dir, 'erp'))).lists;
  const listId = (map: Map<string, string>, id: string, what: string) => {
    const found = map.get(id);
    if (!found) throw new Error(`the QuickBooks demo maps ${what} ${id}, which the sandbox company lacks`);
    return found;
  };
  return companySettingsSchema.parse({
    ...settings,
    tablesNotExported: {
      pm: settings.tablesNotExported.pm,
      erp: [...new Set([...settings.tablesNotExported.erp, ...Object.keys(QBD_LACKS)])],
    },
    mappings: {
      ...settings.mappings,
      jobs: settings.mappings.jobs.map((m) => ({ pm: m.pm, erp: listId(ids.jobs, m.erp, 'job') })),
      vendors: settings.mappings.vendors.map((m) => ({
        pm: m.pm,
        erp: listId(ids.vendors, m.erp, 'vendor'),
      })),
    },
  });
}

/** Generates the QuickBooks demo company into `dir` (its settings file is written last, so a half run redoes it). */
export async function generateQbdDemo(dir: string, asOf: string): Promise<void> {
  await generateDemo({ outDir: dir, asOf, seed: QBD_DEMO_SEED });
  const truth: Truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'));
  await writeFile(
    path.join(dir, NOT_APPLICABLE_FILE),
    `${JSON.stringify(notApplicableInQuickBooks(truth), null, 2)}\n`,
  );
  const settings = await quickBooksSettings(dir);
  await writeFile(path.join(dir, `${SETTINGS_FILE}.tmp`), `${JSON.stringify(settings, null, 2)}\n`);
  await rename(path.join(dir, `${SETTINGS_FILE}.tmp`), path.join(dir, SETTINGS_FILE));
}

export function readNotApplicable(dir: string): NotApplicable[] {
  return JSON.parse(readFileSync(path.join(dir, NOT_APPLICABLE_FILE), 'utf8'));
}

/** The QuickBooks demo company as configured (generated first when `dir` does not hold it yet). */
export async function qbdDemoCompany(
  dir: string,
  asOf: string,
  onGenerate?: () => void,
): Promise<CompanyConfig> {
  if (!existsSync(path.join(dir, SETTINGS_FILE))) {
    onGenerate?.();
    await generateQbdDemo(dir, asOf);
  }
  const settings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, SETTINGS_FILE), 'utf8')),
  );
  return companySchema.parse({
    id: QBD_DEMO_COMPANY_ID,
    name: QBD_DEMO_COMPANY_NAME,
    timezone: 'America/Denver',
    pm: { type: 'files', dir: path.join(dir, 'pm') },
    erp: { type: 'qbd', sandbox: { dataset: path.join(dir, 'erp') } },
    settings,
  });
}
