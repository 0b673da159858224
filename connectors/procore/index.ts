/**
 * The Procore connector factory. A live config reads a real Procore company; a sandbox config starts the
 * local Procore imitation in-process on an ephemeral port, seeded from the dataset folder, and runs the same
 * connector against it over HTTP (closed again in `close()`).
 */
import path from 'node:path';
import type { ConnectorFactory } from '../registry-types.ts';
import { MissingSecretError, resolveSecret } from '../secrets.ts';
import { fileTokenStore, memoryTokenStore, TokenProvider } from './auth.ts';
import { type ProcoreConfig, procoreConfigSchema } from './config.ts';
import { procoreConnector } from './connector.ts';
import { startProcoreSandbox } from './sandbox/server.ts';
import { inboxFor, type WebhookReceiver } from './webhooks.ts';

export { PROCORE_HOSTS, type ProcoreConfig, procoreConfigSchema } from './config.ts';
export { PROCORE_CONNECTOR_VERSION, PROCORE_TABLES, procoreConnector } from './connector.ts';
export { receiveProcoreWebhook, type WebhookReceiver } from './webhooks.ts';

/**
 * The companies whose Procore side takes webhooks, with the Authorization value each expects. A company
 * whose secret is not set in the environment is left out (its deliveries get 401) and named in `missing`.
 */
export function webhookReceivers(
  companies: readonly { id: string; pm: { type: string }; erp: { type: string } }[],
  env: NodeJS.ProcessEnv,
): { receivers: WebhookReceiver[]; missing: string[] } {
  const receivers: WebhookReceiver[] = [];
  const missing: string[] = [];
  for (const c of companies) {
    for (const side of ['pm', 'erp'] as const) {
      const parsed = procoreConfigSchema.safeParse(c[side]);
      if (!parsed.success || 'sandbox' in parsed.data || !parsed.data.webhooks) continue;
      const ref = parsed.data.webhooks.authorization;
      const where = `companies.${c.id}.${side}.webhooks.authorization`;
      try {
        const authorization = resolveSecret(ref, where, env);
        receivers.push({ tieoutCompanyId: c.id, procoreCompanyId: parsed.data.companyId, authorization });
      } catch (e) {
        if (!(e instanceof MissingSecretError)) throw e;
        missing.push(e.message);
      }
    }
  }
  return { receivers, missing };
}

export const procoreFactory: ConnectorFactory<ProcoreConfig> = {
  type: 'procore',
  configSchema: procoreConfigSchema,
  create: async (config, env) => {
    if ('sandbox' in config) {
      const sandbox = await startProcoreSandbox({
        dataset: path.resolve(env.baseDir, config.sandbox.dataset),
        companyId: config.sandbox.companyId,
      });
      const tokens = new TokenProvider({
        loginBaseUrl: sandbox.url,
        clientId: sandbox.client.clientId,
        clientSecret: sandbox.client.clientSecret,
        grant: 'client_credentials',
        store: memoryTokenStore(),
      });
      for (const w of sandbox.data.warnings) env.log.warn({ warning: w }, 'procore sandbox dataset');
      return procoreConnector({
        settings: { ...config, apiBaseUrl: sandbox.url, companyId: sandbox.companyId },
        tokens,
        location: `Procore sandbox ${sandbox.url} (dataset ${config.sandbox.dataset})`,
        onClose: () => sandbox.close(),
      });
    }
    const where = `companies.${env.companyId}.procore`;
    const tokens = new TokenProvider({
      loginBaseUrl: config.loginBaseUrl,
      clientId: resolveSecret(config.clientId, `${where}.clientId`, env.env),
      clientSecret: resolveSecret(config.clientSecret, `${where}.clientSecret`, env.env),
      grant: config.auth.grant,
      initialRefreshToken:
        config.auth.grant === 'authorization_code'
          ? resolveSecret(config.auth.refreshToken, `${where}.auth.refreshToken`, env.env)
          : undefined,
      store:
        config.auth.grant === 'authorization_code'
          ? fileTokenStore(path.join(env.dataDir, env.companyId, 'procore-tokens.json'))
          : memoryTokenStore(),
    });
    return procoreConnector({
      settings: {
        ...config,
        inbox: config.webhooks ? inboxFor(env.dataDir, env.companyId) : undefined,
        hookId: config.webhooks?.hookId,
      },
      tokens,
      location: `Procore company ${config.companyId} at ${new URL(config.apiBaseUrl).host}`,
    });
  },
};
