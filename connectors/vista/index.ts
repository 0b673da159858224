/** The Viewpoint Vista connector factory: SQL Server or the sandbox, by config. */
import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { openMssql } from '../sage100c/mssql-client.ts';
import { resolveSecret } from '../secrets.ts';
import { VISTA_APP_NAME, type VistaConfig, type VistaMapping, vistaConfigSchema } from './config.ts';
import { vistaConnector } from './connector.ts';
import { VISTA_SANDBOX_DATABASE, VISTA_SANDBOX_LOGIN, VistaSandbox } from './sandbox/index.ts';

export { type VistaConfig, vistaConfigSchema } from './config.ts';

export const vistaFactory: ConnectorFactory<VistaConfig> = {
  type: 'vista',
  configSchema: vistaConfigSchema,
  async create(config, env) {
    const mapping: VistaMapping = {
      company: config.company,
      vendorGroup: config.vendorGroup,
      costTypes: config.costTypes,
      linkedIdColumn: config.linkedIdColumn,
    };
    if (config.sandbox) {
      const dir = path.resolve(env.baseDir, config.sandbox.dataset);
      const sandbox = await VistaSandbox.fromDataset(dir);
      // The sandbox company keeps Procore ids in a user-defined column udProcoreID.
      mapping.linkedIdColumn = config.linkedIdColumn ?? 'udProcoreID';
      return vistaConnector({
        open: () => sandbox.connect({ database: VISTA_SANDBOX_DATABASE, ...VISTA_SANDBOX_LOGIN }),
        mapping,
        location: `Vista sandbox of ${dir}`,
        errorContext: {
          server: 'sandbox',
          database: VISTA_SANDBOX_DATABASE,
          user: VISTA_SANDBOX_LOGIN.user,
          appName: VISTA_APP_NAME,
        },
        release: () => sandbox.close(),
      });
    }
    const target = {
      server: config.server!,
      port: config.port,
      database: config.database!,
      user: config.user!,
      password: resolveSecret(config.password!, `company ${env.companyId} erp.password`, env.env),
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
      requestTimeoutSeconds: config.requestTimeoutSeconds,
      appName: VISTA_APP_NAME,
    };
    return vistaConnector({
      open: () => openMssql(target),
      mapping,
      location: `Viewpoint Vista, SQL Server ${target.server}, database ${target.database}`,
      errorContext: {
        server: target.server,
        database: target.database,
        user: target.user,
        appName: VISTA_APP_NAME,
      },
    });
  },
};
