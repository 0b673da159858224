/** Helpers for the Procore tests: a real ReadContext, reading a connector to validated canonical rows. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateRow } from '../../connectors/canonical/schemas.ts';
import type { CanonicalTableName } from '../../connectors/canonical/tables.ts';
import type { Connector, ConnectorStats, ReadContext, SourceRecord } from '../../connectors/contract.ts';
import { memoryTokenStore, TokenProvider } from '../../connectors/procore/auth.ts';
import { defaultTuning, type ProcoreTuning } from '../../connectors/procore/config.ts';
import { procoreConnector } from '../../connectors/procore/connector.ts';
import type { ProcoreSandbox } from '../../connectors/procore/sandbox/server.ts';

export const FIXTURE_PM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pm');

export interface TestContext extends ReadContext {
  saved: unknown[];
  warnings: object[];
}

export function testContext(previousState: unknown = null, runStartedAt = new Date()): TestContext {
  const saved: unknown[] = [];
  const warnings: object[] = [];
  return {
    companyId: 'acme',
    side: 'pm',
    runStartedAt,
    signal: new AbortController().signal,
    previousState,
    saveState: (s) => saved.push(s),
    progress: () => {},
    stats: {} as ConnectorStats,
    log: { info: () => {}, warn: (o) => warnings.push(o), error: () => {} },
    saved,
    warnings,
  };
}

export interface ReadResult {
  rows: Partial<Record<CanonicalTableName, Record<string, string | null>[]>>;
  rejected: { table: CanonicalTableName; record: SourceRecord; reason: string }[];
}

/** Reads every table; records that fail the canonical schema or the payload check are collected. */
export async function readAll(connector: Connector, ctx: ReadContext): Promise<ReadResult> {
  const out: ReadResult = { rows: {}, rejected: [] };
  for await (const stream of connector.read(ctx)) {
    const rows: Record<string, string | null>[] = out.rows[stream.table] ?? [];
    out.rows[stream.table] = rows;
    for await (const record of stream.records) {
      if (!record.ok) {
        out.rejected.push({ table: stream.table, record, reason: record.reason });
        continue;
      }
      const v = validateRow(stream.table, record.values);
      if (v.ok) rows.push(v.row as Record<string, string | null>);
      else
        out.rejected.push({
          table: stream.table,
          record,
          reason: `${record.sourceRef}: ${JSON.stringify(v.issues)}`,
        });
    }
  }
  return out;
}

export function sandboxConnector(
  sandbox: ProcoreSandbox,
  tuning: Partial<ProcoreTuning> = {},
  extra: { projects?: 'all' | 'active' | string[]; clientSecret?: string; companyId?: string } = {},
) {
  const tokens = new TokenProvider({
    loginBaseUrl: sandbox.url,
    clientId: sandbox.client.clientId,
    clientSecret: extra.clientSecret ?? sandbox.client.clientSecret,
    grant: 'client_credentials',
    store: memoryTokenStore(),
  });
  const connector = procoreConnector({
    settings: {
      apiBaseUrl: sandbox.url,
      companyId: extra.companyId ?? sandbox.companyId,
      projects: extra.projects ?? 'all',
      costTypes: {},
      tuning: { ...defaultTuning(), baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 2_000, ...tuning },
    },
    tokens,
    location: 'test sandbox',
    clock: sandbox.clock,
  });
  return { connector, tokens };
}

/** Canonical rows in a stable order, percentages compared as numbers ("10" = "10.00"). */
export function normalised(rows: Record<string, string | null>[] | undefined): string[] {
  return (rows ?? [])
    .map((r) => {
      const copy: Record<string, string | null> = { ...r };
      if (copy.retainage_percent != null) copy.retainage_percent = String(Number(copy.retainage_percent));
      return JSON.stringify(copy, Object.keys(copy).sort());
    })
    .sort();
}
