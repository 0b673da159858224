/** The QuickBooks Desktop connector factory (real Web Connector or sandbox), and QuickBooks Online's refusal. */
import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { mappingOf, QBO_MESSAGE, type QbdConfig, qbdConfigSchema, qboConfigSchema } from './config.ts';
import { qbdConnector } from './connector.ts';
import { runSandboxSession } from './sandbox/in-process.ts';
import { QbdStore } from './store.ts';

export { type QbdConfig, qbdConfigSchema } from './config.ts';
export { QBD_CONNECTOR_VERSION, qbdConnector } from './connector.ts';

export const qbdFactory: ConnectorFactory<QbdConfig> = {
  type: 'qbd',
  configSchema: qbdConfigSchema,
  async create(config, env) {
    const store = QbdStore.open(env.dataDir);
    const mapping = mappingOf(config);
    const plan = { pageSize: config.pageSize, fullSweepDays: config.fullSweepDays };
    if (config.sandbox) {
      const dataset = path.resolve(env.baseDir, config.sandbox.dataset);
      const session = async () => {
        const sandbox = await runSandboxSession({
          store,
          companyId: env.companyId,
          dataset,
          runEveryMinutes: config.runEveryMinutes,
          plan,
          log: env.log,
        });
        // The sandbox company's conventions, unless the config says otherwise.
        mapping.costTypes = 'class';
        mapping.linkedIdField ??= sandbox.linkedIdField;
        if (!mapping.sources.payrollPayees.length) mapping.sources.payrollPayees = sandbox.payrollPayees;
        if (!mapping.sources.equipmentAccounts.length)
          mapping.sources.equipmentAccounts = sandbox.equipmentAccounts;
        mapping.glAccounts ??= sandbox.glAccounts;
      };
      return qbdConnector({
        store,
        companyId: env.companyId,
        mapping,
        location: `QuickBooks Desktop sandbox of ${dataset}, through the Web Connector endpoint`,
        beforeRead: session,
        runSession: session,
        release: async () => store.close(),
      });
    }
    return qbdConnector({
      store,
      companyId: env.companyId,
      mapping,
      location: `QuickBooks Desktop company ${env.companyId}, through the Web Connector`,
      release: async () => store.close(),
    });
  },
};

// biome-ignore lint/suspicious/noExplicitAny: the schema refuses every entry, so there is no config type.
export const qboFactory: ConnectorFactory<any> = {
  type: 'qbo',
  configSchema: qboConfigSchema,
  async create() {
    throw new Error(QBO_MESSAGE);
  },
};
