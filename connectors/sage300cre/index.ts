/** The Sage 300 CRE connector factory: the Timberline Data ODBC driver or the sandbox, by config. */
import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { resolveSecret } from '../secrets.ts';
import { dsnConnectionString, type Sage300creConfig, sage300creConfigSchema } from './config.ts';
import { sage300creConnector } from './connector.ts';
import { openOdbc } from './odbc-client.ts';
import { SAGE300_SANDBOX_DSN, Sage300Sandbox } from './sandbox/index.ts';

export { type Sage300creConfig, sage300creConfigSchema } from './config.ts';

export const sage300creFactory: ConnectorFactory<Sage300creConfig> = {
  type: 'sage300cre',
  configSchema: sage300creConfigSchema,
  async create(config, env) {
    if (config.sandbox) {
      const dir = path.resolve(env.baseDir, config.sandbox.dataset);
      const sandbox = await Sage300Sandbox.fromDataset(dir);
      return sage300creConnector({
        open: () => sandbox.connect(SAGE300_SANDBOX_DSN),
        categories: config.categories,
        where: `Sage 300 CRE sandbox data source ${SAGE300_SANDBOX_DSN}`,
        location: `Sage 300 CRE sandbox of ${dir}`,
        release: () => sandbox.close(),
      });
    }
    const where = config.dsn ? `ODBC data source ${config.dsn}` : 'the configured ODBC connection string';
    const connectionString = () =>
      config.dsn
        ? dsnConnectionString(
            config.dsn,
            config.user,
            config.password &&
              resolveSecret(config.password, `company ${env.companyId} erp.password`, env.env),
          )
        : resolveSecret(config.connectionString!, `company ${env.companyId} erp.connectionString`, env.env);
    return sage300creConnector({
      open: () => openOdbc(connectionString(), `Sage 300 CRE, ${where}`),
      categories: config.categories,
      where: `Sage 300 CRE ${where}`,
      location: `Sage 300 CRE, ${where}`,
    });
  },
};
