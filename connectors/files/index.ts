import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { type FilesConfig, filesConfigSchema } from './config.ts';
import { filesConnector } from './connector.ts';
import { profileConnector } from './profile/connector.ts';
import { loadProfile } from './profile/load.ts';

export { type FilesConfig, filesConfigSchema } from './config.ts';
export { FILES_CONNECTOR_VERSION, filesConnector, readCsvTable } from './connector.ts';

export const filesFactory: ConnectorFactory<FilesConfig> = {
  type: 'files',
  configSchema: filesConfigSchema,
  create: async (config, env) =>
    config.profile
      ? profileConnector(path.resolve(env.baseDir, config.dir), loadProfile(config.profile, env.baseDir))
      : filesConnector(path.resolve(env.baseDir, config.dir)),
};
