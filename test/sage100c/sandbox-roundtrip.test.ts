/**
 * The key guarantee: a dataset folder read by the files connector, and the same folder rendered into the
 * Sage sandbox and read back by the Sage 100 Contractor connector, give the same canonical rows (after the
 * documented normalisations), so reconciliation finds the same discrepancies either way.
 *
 * What the sandbox cannot prove about the real driver: that SQL Server parses the .sql files (they keep to
 * SELECT/JOIN/WHERE/ORDER BY/CAST, which both engines accept), SQL Server's implicit conversions and
 * collation (case-insensitive names), tedious's exact value types, locking and isolation under concurrent
 * Sage users, TLS and network failures.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import type { Connector } from '../../connectors/contract.ts';
import { filesConnector } from '../../connectors/files/connector.ts';
import { sage100cFactory } from '../../connectors/sage100c/index.ts';
import { drain, invoiceLineTotals, sorted, type Tables, throughSage } from './support.ts';

const dataset = path.join(import.meta.dirname, 'fixtures', 'erp');
const env = { baseDir: '/', dataDir: '/tmp', companyId: 'acme', log: console, env: {} };

describe('the dataset through files and through the Sage sandbox', () => {
  let sage: Connector;
  let viaSage: Tables;
  let expected: Tables;

  beforeAll(async () => {
    sage = await sage100cFactory.create(
      sage100cFactory.configSchema.parse({ type: 'sage100c', sandbox: { dataset } }),
      env,
    );
    viaSage = await drain(sage);
    expected = throughSage(await drain(filesConnector(dataset)));
  });
  afterAll(() => sage.close?.());

  it('reports the Sage tables it fills', () => {
    expect(sage.describe().system).toBe('sage100c');
    expect(sage.describe().tables).toContain('gl_balances');
  });

  for (const table of TABLE_NAMES.filter((t) => t !== 'sync_queue')) {
    it(`${table} reads back the same`, () => {
      const got = table === 'payable_lines' ? invoiceLineTotals(viaSage[table]) : viaSage[table];
      expect(sorted(got)).toEqual(sorted(expected[table]));
    });
  }
});
