/**
 * The QuickBooks Desktop connector: a snapshot's ERP side is the company's last complete Web Connector
 * session (the local copy the session left in the connector's SQLite file), mapped to canonical rows. With a
 * sandbox, a whole session first runs in-process over SOAP against the sandbox company.
 */
import { type Connector, SourceError } from '../contract.ts';
import { mirrorTables, QBD_TABLES } from './map/index.ts';
import type { QbdMapping } from './map/mapping.ts';
import type { QbdStore } from './store.ts';
import { queueWrite } from './write/connector-write.ts';

export const QBD_CONNECTOR_VERSION = '1.0.0';

export interface QbdConnectorOptions {
  store: QbdStore;
  companyId: string;
  mapping: QbdMapping;
  location: string;
  /** Runs before the read (the sandbox's in-process session). */
  beforeRead?: () => Promise<void>;
  /** Runs a session now for a write (the sandbox); without it the write waits for the Web Connector. */
  runSession?: () => Promise<void>;
  release?: () => Promise<void>;
}

export function qbdConnector(o: QbdConnectorOptions): Connector {
  return {
    describe: () => ({
      system: 'qbd',
      version: QBD_CONNECTOR_VERSION,
      tables: QBD_TABLES,
      canWrite: true,
      location: o.location,
    }),
    async *read(ctx) {
      await o.beforeRead?.();
      const state = o.store.state(o.companyId);
      if (!state)
        throw new SourceError(
          'qbd_no_session',
          `QuickBooks Desktop: no Web Connector session has completed yet for company ${o.companyId}. Write the .qwc file with "tieout qbd qwc --company ${o.companyId} --url https://…/qbwc", add it to the Web Connector on the QuickBooks machine, and let it run once.`,
        );
      const ageMinutes = Math.floor((ctx.runStartedAt.getTime() - Date.parse(state.completedAt)) / 60_000);
      ctx.stats.qbd_session_age_minutes = Math.max(0, ageMinutes);
      ctx.stats.qbd_records = o.store.recordCount(o.companyId);
      // The data is as old as the session it was copied in, not this read: source.stale measures that.
      ctx.dataAsOf?.({
        at: new Date(state.completedAt),
        basis: 'last_session',
        detail: `the last complete Web Connector session (${state.lastTicket}) ended ${state.completedAt}`,
      });
      ctx.log.info(
        { completedAt: state.completedAt, ticket: state.lastTicket, ageMinutes },
        'reading the last complete Web Connector session',
      );
      yield* mirrorTables(o.store.mirror(o.companyId), o.mapping, ctx, state.completedAt.slice(0, 10));
    },
    write: (request) =>
      queueWrite({ store: o.store, companyId: o.companyId, runSession: o.runSession }, request),
    async close() {
      await o.release?.();
    },
  };
}
