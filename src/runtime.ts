/**
 * The running product's context: configuration (a file, or the built-in demo), the operational store, the
 * logger and the data-directory lock. Every CLI command and the server start from here.
 */
import { ConfigError, loadConfigFile, locateConfig, type RuntimeConfig } from './config/load.ts';
import type { CompanyConfig } from './config/schema.ts';
import { createLogger, type Logger } from './log.ts';
import { Metrics } from './metrics/metrics.ts';
import { closeSnapshotHandles } from './snapshot/handles.ts';
import { recoverSnapshots } from './snapshot/recover.ts';
import { openStore, type Store } from './store/db.ts';
import { acquireDataDirLock, type DataDirLock } from './store/lock.ts';
import { upsertCompany } from './store/runs.ts';

export interface Runtime {
  config: RuntimeConfig;
  store: Store;
  log: Logger;
  /** What /metrics serves (src/metrics). */
  metrics: Metrics;
  company(id: string): CompanyConfig;
  close(): void;
}

export interface RuntimeOptions {
  configPath?: string;
  /** The command, recorded in the lock; writers take the data-directory lock. */
  command: string;
  writes: boolean;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const env = options.env ?? process.env;
  const log = options.log ?? createLogger();
  const file = locateConfig(options.configPath, env);
  // The demo's generator loads only when there is no configuration file (a configured install never needs it).
  const config = file
    ? loadConfigFile(file, env)
    : await (await import('./demo/runtime-config.ts')).prepareDemoConfig(env, log);
  let lock: DataDirLock | undefined;
  if (options.writes) lock = acquireDataDirLock(config.dataDir, options.command);
  let store: Store;
  try {
    store = openStore(config.dataDir, { env });
  } catch (e) {
    lock?.release();
    throw e;
  }
  for (const c of config.companies) upsertCompany(store.db, { id: c.id, name: c.name, timezone: c.timezone });
  if (options.writes) {
    await recoverSnapshots(
      store,
      config.dataDir,
      config.companies.map((c) => c.id),
      log,
    );
  }
  return {
    config,
    store,
    log,
    metrics: new Metrics(store),
    company(id) {
      const found = config.companies.find((c) => c.id === id);
      if (!found) {
        throw new ConfigError(
          `no company "${id}" in ${config.source}; configured: ${config.companies.map((c) => c.id).join(', ')}`,
          'not_found',
          'company_not_found',
        );
      }
      return found;
    },
    close() {
      closeSnapshotHandles(config.dataDir);
      store.close();
      lock?.release();
    },
  };
}
