/**
 * The Procore connector: reads a Procore company through the REST API into canonical records (PM side).
 * Everything is fetched before the first table is yielded, so an endpoint that cannot be read fails the
 * whole side before the snapshot writer has stored anything (no partial snapshot).
 */

import type { Dispatcher } from 'undici';
import type { CanonicalTableName } from '../canonical/tables.ts';
import type { Clock } from '../clock.ts';
import type { Connector, ReadContext, TableStream } from '../contract.ts';
import type { TokenProvider } from './auth.ts';
import type { ProcoreLiveConfig } from './config.ts';
import { ProcoreHttp } from './http.ts';
import { ProcoreReader } from './reader.ts';
import type { WebhookInbox } from './webhooks.ts';
import { ProcoreWriter } from './writer.ts';

export const PROCORE_CONNECTOR_VERSION = '1.0.0';

export const PROCORE_TABLES: readonly CanonicalTableName[] = [
  'jobs',
  'vendors',
  'cost_codes',
  'budget_lines',
  'prime_contracts',
  'billings',
  'commitments',
  'commitment_lines',
  'change_orders',
  'change_order_lines',
  'payables',
  'payable_lines',
  'cost_transactions',
];

export interface ProcoreConnectorOptions {
  settings: Pick<
    ProcoreLiveConfig,
    'apiBaseUrl' | 'companyId' | 'projects' | 'budgetView' | 'costTypes' | 'tuning'
  > & {
    /** The company's webhook inbox, when it takes Procore's webhooks. */
    inbox?: WebhookInbox;
    /** The hook's id in Procore, to ask for discarded deliveries. */
    hookId?: string;
  };
  tokens: TokenProvider;
  location: string;
  dispatcher?: Dispatcher;
  /** Time for waits (tests share a sandbox's virtual clock); the system's by default. */
  clock?: Clock;
  onClose?: () => Promise<void>;
}

export function procoreConnector(o: ProcoreConnectorOptions): Connector {
  const writer = new ProcoreWriter({ ...o.settings, tokens: o.tokens, clock: o.clock });
  return {
    describe: () => ({
      system: 'procore',
      version: PROCORE_CONNECTOR_VERSION,
      tables: PROCORE_TABLES,
      canWrite: true,
      location: o.location,
    }),
    read: (ctx) => readCompany(o, ctx),
    // Approved writes only: called by the executor in src/approvals, never by the snapshot writer.
    write: (request, ctx) => writer.write(request, ctx),
    close: async () => {
      await o.onClose?.();
    },
  };
}

async function* readCompany(o: ProcoreConnectorOptions, ctx: ReadContext): AsyncIterable<TableStream> {
  const http = new ProcoreHttp({
    apiBaseUrl: o.settings.apiBaseUrl,
    companyId: o.settings.companyId,
    tokens: o.tokens,
    tuning: o.settings.tuning,
    stats: ctx.stats,
    log: ctx.log,
    signal: ctx.signal,
    dispatcher: o.dispatcher,
    clock: o.clock,
  });
  const tokenCallsBefore = o.tokens.tokenCalls;
  const reader = new ProcoreReader(http, o.settings, ctx);
  const { tables, state } = await reader.read();
  ctx.stats.procore_token_calls = o.tokens.tokenCalls - tokenCallsBefore;
  ctx.stats.procore_full_sweep = reader.full ? 1 : 0;
  ctx.log.info({ full: reader.full, calls: ctx.stats.procore_calls }, 'procore company read');
  ctx.saveState(state);
  for (const table of PROCORE_TABLES) {
    const records = tables.get(table) ?? [];
    ctx.progress({ side: ctx.side, table, rows: records.length, expectedRows: records.length, done: true });
    yield { table, expectedRows: records.length, records: iterate(records) };
  }
}

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}
