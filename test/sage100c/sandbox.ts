/** A Sage sandbox seeded from the fixture dataset, and the connector pointed at it with chosen options. */
import path from 'node:path';
import type { MappingOptions } from '../../connectors/sage100c/config.ts';
import { SAGE_APP_NAME } from '../../connectors/sage100c/config.ts';
import { sage100cConnector } from '../../connectors/sage100c/connector.ts';
import { SANDBOX_LOGIN, SageSandbox, type SandboxOptions } from '../../connectors/sage100c/sandbox/index.ts';

export const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'erp');

export const DEFAULT_MAPPING: MappingOptions = {
  phases: 'rollup',
  costCodes: 'trim',
  fiscalYearStartMonth: 1,
  glBalance: 'ending',
  jobNumber: 'recnum',
  userCostTypes: 'number',
  glAccounts: {
    under_billings: ['1290'],
    over_billings: ['2290'],
    retainage_receivable: [],
    retainage_payable: [],
  },
};

export async function fixtureSandbox(options: SandboxOptions = {}): Promise<SageSandbox> {
  return SageSandbox.fromDataset(FIXTURE, options);
}

export function connectorFor(
  sandbox: SageSandbox,
  mapping: Partial<MappingOptions> = {},
  login: Partial<{ user: string; password: string; appName: string; database: string }> = {},
) {
  const request = { database: sandbox.database, ...SANDBOX_LOGIN, appName: SAGE_APP_NAME, ...login };
  return sage100cConnector({
    open: () => sandbox.connect(request),
    mapping: { ...DEFAULT_MAPPING, ...mapping },
    location: 'test sandbox',
    errorContext: {
      server: 'sandbox',
      database: request.database,
      user: request.user,
      appName: request.appName,
    },
  });
}
