/** The Sage 100 Contractor connector factory: SQL Server, sandbox, or report exports, by config. */
import path from 'node:path';
import type { ConnectorEnvironment, ConnectorFactory } from '../registry-types.ts';
import { resolveSecret } from '../secrets.ts';
import { type MappingOptions, SAGE_APP_NAME, type Sage100cConfig, sage100cConfigSchema } from './config.ts';
import { sage100cConnector } from './connector.ts';
import { reportExportsConnector } from './exports/connector.ts';
import { openMssql } from './mssql-client.ts';
import { SANDBOX_LOGIN, SageSandbox } from './sandbox/index.ts';

export { SAGE_APP_NAME, type Sage100cConfig, sage100cConfigSchema } from './config.ts';
export { SAGE100C_CONNECTOR_VERSION, sage100cConnector } from './connector.ts';

/** The connector's own files (the local copy of job cost) under tieout's data directory. */
function cacheDirOf(env: ConnectorEnvironment): string {
  return path.join(env.dataDir, 'connectors', 'sage100c', env.companyId);
}

function mappingOf(config: Sage100cConfig): MappingOptions {
  return {
    phases: config.phases,
    costCodes: config.costCodes,
    fiscalYearStartMonth: config.fiscalYearStartMonth,
    glAccounts: config.glAccounts,
    glBalance: config.glBalance,
    linkedIdField: config.linkedIdField,
    jobNumber: config.jobNumber,
    userCostTypes: config.userCostTypes,
  };
}

export const sage100cFactory: ConnectorFactory<Sage100cConfig> = {
  type: 'sage100c',
  configSchema: sage100cConfigSchema,
  async create(config, env) {
    const mapping = mappingOf(config);
    if (config.reportExports) {
      return reportExportsConnector(path.resolve(env.baseDir, config.reportExports.dir), mapping);
    }
    if (config.sandbox) {
      const dir = path.resolve(env.baseDir, config.sandbox.dataset);
      const sandbox = await SageSandbox.fromDataset(dir);
      // The sandbox company keeps Procore ids in usrdf1, job numbers in the short name, and names its
      // user-defined cost types after the dataset's custom types.
      mapping.linkedIdField = config.linkedIdField ?? 'usrdf1';
      mapping.jobNumber = 'shtnme';
      mapping.userCostTypes = 'name';
      if (!config.glAccounts) {
        // The sandbox knows the roles of the accounts it rendered; a real company configures them.
        const roles: Record<string, string[]> = {};
        for (const [account, role] of sandbox.rendered?.glRoles ?? []) {
          roles[role] = [...(roles[role] ?? []), account];
        }
        if (Object.keys(roles).length) mapping.glAccounts = roles as MappingOptions['glAccounts'];
      }
      return sage100cConnector({
        cacheDir: cacheDirOf(env),
        open: () => sandbox.connect({ database: sandbox.database, ...SANDBOX_LOGIN, appName: SAGE_APP_NAME }),
        mapping,
        location: `Sage 100 Contractor sandbox of ${dir}`,
        errorContext: {
          server: 'sandbox',
          database: 'SandboxConstruction',
          user: SANDBOX_LOGIN.user,
          appName: SAGE_APP_NAME,
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
    };
    return sage100cConnector({
      cacheDir: cacheDirOf(env),
      open: () => openMssql(target),
      mapping,
      location: `Sage 100 Contractor, SQL Server ${target.server}, database ${target.database}`,
      errorContext: {
        server: target.server,
        database: target.database,
        user: target.user,
        appName: SAGE_APP_NAME,
      },
    });
  },
};
