import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { type FilesConfig, filesConfigSchema } from './config.ts';
import { filesConnector } from './connector.ts';

export { type FilesConfig, filesConfigSchema } from './config.ts';
export { FILES_CONNECTOR_VERSION, filesConnector, readCsvTable } from './connector.ts';

export const filesFactory: ConnectorFactory<FilesConfig> = {
  type: 'files',
  configSchema: filesConfigSchema,
  create: async (config, env) => filesConnector(path.resolve(env.baseDir, config.dir)),
};
