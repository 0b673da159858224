/** Writes golden jobs as canonical CSV folders (pm/, erp/) and a config, for command-line tests. */
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type CanonicalTableName, TABLES } from '../../../connectors/canonical/tables.ts';
import { writeConfig, writeFolder } from '../../support/company.ts';
import type { SideRows } from '../../support/fixture-snapshot.ts';
import { type GoldenJob, goldenRows } from './wip-job.ts';

function folderFiles(rows: SideRows): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [table, list] of Object.entries(rows) as [
    CanonicalTableName,
    Record<string, string | null | undefined>[],
  ][]) {
    const cols = TABLES[table].columns.map((c) => c.name);
    files[`${table}.csv`] = stringify([cols, ...list.map((r) => cols.map((c) => r[c] ?? ''))]);
  }
  return files;
}

export function writeCsvCompany(
  root: string,
  jobs: GoldenJob[],
  settings: Record<string, unknown> = {},
  extraErp: SideRows = {},
  pmJobId?: (jobNumber: string) => string,
): { config: string; env: Record<string, string> } {
  const rows = goldenRows(jobs, pmJobId);
  writeFolder(path.join(root, 'pm'), folderFiles(rows.pm));
  writeFolder(path.join(root, 'erp'), folderFiles({ ...rows.erp, ...extraErp }));
  const config = writeConfig(path.join(root, 'tieout.config.json'), [
    {
      id: 'acme',
      name: 'Acme Builders',
      pm: { type: 'files', dir: 'pm' },
      erp: { type: 'files', dir: 'erp' },
      settings,
    },
  ]);
  return { config, env: { TIEOUT_DATA_DIR: path.join(root, 'data'), TIEOUT_ACTOR: 'controller@acme' } };
}
