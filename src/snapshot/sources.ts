/** Creates the connector for one side of a company from its config entry. */

import type { Connector } from '../../connectors/contract.ts';
import { SourceError } from '../../connectors/contract.ts';
import { connectorFactory } from '../../connectors/registry.ts';
import type { ConnectorConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';

export async function createConnector(
  config: ConnectorConfig,
  env: { baseDir: string; dataDir: string; companyId: string; log: Logger },
): Promise<Connector> {
  const factory = connectorFactory(config.type);
  if (!factory) throw new SourceError('connector_unknown', `unknown connector type "${config.type}"`);
  const parsed = factory.configSchema.parse(config);
  return factory.create(parsed, { ...env, env: process.env });
}
