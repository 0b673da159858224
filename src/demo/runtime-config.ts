/**
 * The built-in demo: with no configuration, tieout generates the demo company into `<data dir>/demo` (once),
 * dated as of today, and runs it as a configured company would be.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type RuntimeConfig, readEnvironment } from '../config/load.ts';
import { companySchema, companySettingsSchema } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { DEMO_COMPANY_ID, DEMO_COMPANY_NAME, generateDemo } from './index.ts';
import { qbdDemoCompany, qbdDemoDir } from './qbd-company.ts';

export function demoDir(dataDir: string): string {
  return path.join(dataDir, DEMO_COMPANY_ID);
}

export async function prepareDemoConfig(env: NodeJS.ProcessEnv, log: Logger): Promise<RuntimeConfig> {
  const environment = readEnvironment(env);
  const dir = demoDir(environment.dataDir);
  if (!existsSync(path.join(dir, 'company.json'))) {
    const asOf = new Date().toISOString().slice(0, 10);
    log.info({ dir, asOf }, 'generating the demo company');
    await generateDemo({ outDir: dir, asOf });
  }
  const settings = companySettingsSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'company.json'), 'utf8')),
  );
  const company = companySchema.parse({
    id: DEMO_COMPANY_ID,
    name: DEMO_COMPANY_NAME,
    timezone: 'America/Denver',
    // The books go through the real Sage 100 Contractor connector against its in-process sandbox serving the
    // generated ERP side (reconciliation finds exactly what it finds through files; a test proves it). The PM
    // side stays canonical files: Procore publishes no list of its accounting-approval queue, so through the
    // Procore sandbox the demo could not show the approval checks (see the Procore section of the README).
    pm: { type: 'files', dir: path.join(dir, 'pm') },
    erp: { type: 'sage100c', sandbox: { dataset: path.join(dir, 'erp') } },
    settings,
  });
  // The second company keeps its books in QuickBooks Desktop (read through the Web Connector sandbox).
  const qbdDir = qbdDemoDir(environment.dataDir);
  const today = new Date().toISOString().slice(0, 10);
  const quickBooks = await qbdDemoCompany(qbdDir, today, () =>
    log.info({ dir: qbdDir, asOf: today }, 'generating the QuickBooks Desktop demo company'),
  );
  return { companies: [company, quickBooks], ...environment, source: 'demo', baseDir: dir, isDemo: true };
}
