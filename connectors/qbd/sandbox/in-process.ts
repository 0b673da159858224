/**
 * `{"type":"qbd","sandbox":{"dataset":"DIR"}}`: before each snapshot, the sandbox company (rendered from the
 * dataset) goes through one whole Web Connector session against tieout's own endpoint, over SOAP on a
 * loopback port, exactly as the real Web Connector would. The sandbox company's clock starts at the dataset's
 * last change and ticks a second a reading, so an unchanged dataset renders the same ids and modification
 * times (later sessions are incremental with nothing new) and records are not all stamped the same second.
 */
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { TABLE_NAMES } from '../../canonical/tables.ts';
import { type ConnectorLogger, SourceError } from '../../contract.ts';
import { QBD_CONNECTOR_VERSION } from '../connector.ts';
import { QBWC_PATH, qbwcApp } from '../qbwc/http.ts';
import type { PlanOptions } from '../qbwc/plan.ts';
import { QbwcService } from '../qbwc/service.ts';
import { registerCompany } from '../qwc.ts';
import type { QbdStore } from '../store.ts';
import { runWebConnectorSession, type SessionTranscript } from './driver.ts';
import { type SandboxCompany, sandboxFromDataset } from './index.ts';
import { LINK_FIELD } from './render-lists.ts';

export interface SandboxConventions {
  linkedIdField: string;
  payrollPayees: string[];
  equipmentAccounts: string[];
  glAccounts: SandboxCompany['glAccounts'];
  transcript: SessionTranscript;
}

async function datasetClock(dir: string): Promise<Date> {
  let latest = 0;
  for (const table of TABLE_NAMES) {
    const s = await stat(path.join(dir, `${table}.csv`)).catch(() => undefined);
    if (s) latest = Math.max(latest, Math.floor(s.mtimeMs / 1000) * 1000);
  }
  return new Date(latest || Date.UTC(2026, 0, 1));
}

/** A clock that moves one second each time it is read (QuickBooks records entered one after another). */
export function tickingClock(start: Date): () => Date {
  let ms = start.getTime();
  return () => {
    ms += 1000;
    return new Date(ms);
  };
}

/** Starts the Web Connector endpoint on a loopback port; `close` stops it. */
export async function startEndpoint(
  service: QbwcService,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = qbwcApp(service);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${QBWC_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The sandbox company a dataset renders to. Its clock starts at the dataset's last change, so while the
 * dataset is unchanged every rendering gives the same ListIDs: a company's id mappings can name them.
 */
export async function renderSandbox(dataset: string): Promise<SandboxCompany> {
  return sandboxFromDataset(dataset, { now: tickingClock(await datasetClock(dataset)) });
}

export async function runSandboxSession(o: {
  store: QbdStore;
  companyId: string;
  dataset: string;
  runEveryMinutes: number;
  plan: Partial<PlanOptions>;
  log: ConnectorLogger;
  now?: () => Date;
}): Promise<SandboxConventions> {
  const sandbox = await renderSandbox(o.dataset);
  const registration = await registerCompany(o.store, {
    companyId: o.companyId,
    runEveryMinutes: o.runEveryMinutes,
    now: (o.now ?? (() => new Date()))(),
  });
  const service = new QbwcService({
    store: o.store,
    now: o.now ?? (() => new Date()),
    serverVersion: QBD_CONNECTOR_VERSION,
    plan: o.plan,
    log: o.log,
  });
  const endpoint = await startEndpoint(service);
  let transcript: SessionTranscript;
  try {
    transcript = await runWebConnectorSession({
      url: endpoint.url,
      userName: registration.userName,
      password: registration.password,
      ownerId: registration.ownerId,
      fileId: registration.fileId,
      company: sandbox.company,
    });
  } finally {
    await endpoint.close();
  }
  if (transcript.outcome !== 'complete' && transcript.outcome !== 'none')
    throw new SourceError(
      'qbd_session_failed',
      `QuickBooks Desktop sandbox session ${transcript.outcome}: ${transcript.lastError ?? 'no error reported'}`,
    );
  o.log.info({ outcome: transcript.outcome, requests: transcript.requests }, 'QuickBooks sandbox session');
  return {
    linkedIdField: LINK_FIELD,
    payrollPayees: ['Payroll Service'],
    equipmentAccounts: ['Equipment Costs'],
    glAccounts: sandbox.glAccounts,
    transcript,
  };
}
