/** The files connector reading a folder of an ERP's report exports through an export profile. */
import { stat } from 'node:fs/promises';
import { type Connector, SourceError, type TableStream } from '../../contract.ts';
import { FILES_CONNECTOR_VERSION } from '../connector.ts';
import { readWithProfile } from './read.ts';
import type { Profile } from './schema.ts';

export function profileConnector(dir: string, profile: Profile): Connector {
  const tables = [...new Set(profile.exports.flatMap((e) => e.tables.map((t) => t.table)))];
  return {
    describe: () => ({
      system: `files:${profile.name}`,
      version: FILES_CONNECTOR_VERSION,
      tables,
      canWrite: false,
      location: `${profile.system} exports in ${dir}`,
    }),
    read: () => readFolder(dir, profile),
  };
}

async function* readFolder(dir: string, profile: Profile): AsyncIterable<TableStream> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch (e) {
    throw new SourceError(
      'files_folder_missing',
      `the export folder ${dir} does not exist or cannot be read`,
      {
        cause: e,
      },
    );
  }
  // Every export is read (and every heading row checked) before the first record goes out.
  const tables = await readWithProfile(dir, profile);
  if (!tables.has('jobs')) {
    throw new SourceError(
      'export_jobs_missing',
      `${dir} holds no job list: the ${profile.system} profile "${profile.name}" reads jobs from ${profile.exports
        .filter((e) => e.tables.some((t) => t.table === 'jobs'))
        .map((e) => `"${e.report}"`)
        .join(' or ')}`,
    );
  }
  for (const [table, records] of tables) {
    yield {
      table,
      expectedRows: records.length,
      records: (async function* () {
        yield* records;
      })(),
    };
  }
}
