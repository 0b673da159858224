/**
 * The demo company's ERP side through the Sage 100 Contractor sandbox and connector gives the same canonical
 * rows as through the files connector, once dataset ids and cost codes are translated to the Sage keys the
 * sandbox gave them (non-numeric ids and codes such as "30001-1" or "03-300" cannot be Sage keys) and the
 * documented normalisations applied. Same rows in, same findings out.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../connectors/canonical/tables.ts';
import type { Connector } from '../../connectors/contract.ts';
import { filesConnector } from '../../connectors/files/connector.ts';
import { sage100cConfigSchema, sage100cFactory } from '../../connectors/sage100c/index.ts';
import { SageSandbox } from '../../connectors/sage100c/sandbox/index.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { drain, invoiceLineTotals, sorted, type Tables, throughSage, translateIds } from './support.ts';

describe('the demo company ERP side through the Sage sandbox', () => {
  let sage: Connector;
  let viaSage: Tables;
  let expected: Tables;

  beforeAll(async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'tieout-sage-demo-'));
    await generateDemo({ outDir: out });
    const erp = path.join(out, 'erp');
    const env = { baseDir: '/', dataDir: out, companyId: 'demo', log: console, env: {} };
    sage = await sage100cFactory.create(
      sage100cConfigSchema.parse({ type: 'sage100c', sandbox: { dataset: erp } }),
      env,
    );
    viaSage = await drain(sage);
    // The same render the factory used (it is deterministic) tells which Sage keys the dataset ids got.
    const reference = await SageSandbox.fromDataset(erp);
    const rendered = reference.rendered!;
    reference.close();
    expected = throughSage(translateIds(await drain(filesConnector(erp)), rendered.ids, rendered.costCodes));
  }, 120_000);
  afterAll(() => sage.close?.());

  it('reads a realistic volume', () => {
    expect(viaSage.jobs?.length).toBeGreaterThan(30);
    expect(viaSage.cost_transactions?.length).toBeGreaterThan(5000);
  });

  for (const table of TABLE_NAMES.filter((t) => t !== 'sync_queue')) {
    it(`${table} reads back the same`, () => {
      const got = table === 'payable_lines' ? invoiceLineTotals(viaSage[table]) : viaSage[table];
      expect(sorted(got)).toEqual(sorted(expected[table]));
    });
  }
});
