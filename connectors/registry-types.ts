import type { z } from 'zod';
import type { Connector, ConnectorLogger } from './contract.ts';

export interface ConnectorEnvironment {
  /** Folder relative paths in the connector's config resolve against (the config file's folder). */
  baseDir: string;
  /** tieout's data directory, for connectors that keep local files (tokens, caches). */
  dataDir: string;
  companyId: string;
  log: ConnectorLogger;
  env: NodeJS.ProcessEnv;
}

export interface ConnectorFactory<C extends { type: string }> {
  type: C['type'];
  configSchema: z.ZodType<C>;
  create(config: C, env: ConnectorEnvironment): Promise<Connector>;
}
