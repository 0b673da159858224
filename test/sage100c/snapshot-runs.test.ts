/**
 * The Sage connector inside the real snapshot writer, run after run: the first snapshot reads job cost in
 * full and leaves its state in the store; the next one reads incrementally from that state, and both
 * snapshots hold the same job cost to the cent.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDuckDb, queryRows } from '../../connectors/canonical/duckdb.ts';
import { companySchema } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log.ts';
import { takeSnapshot } from '../../src/snapshot/take.ts';
import { openStore } from '../../src/store/db.ts';
import { loadConnectorState } from '../../src/store/runs.ts';
import { writeFolder } from '../support/company.ts';
import { FIXTURE } from './sandbox.ts';

async function jobCost(file: string) {
  const instance = await openDuckDb(file, { readOnly: true });
  const con = await instance.connect();
  try {
    return await queryRows(
      con,
      "SELECT transaction_id, amount, status, invoice_id FROM cost_transactions WHERE side = 'erp' ORDER BY transaction_id",
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('Sage snapshots run after run', () => {
  it('the second snapshot reads job cost incrementally and holds the same rows', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tieout-sage-runs-'));
    writeFolder(path.join(root, 'pm'), {
      'jobs.csv': 'job_id,linked_id,number,name,status\nP1,1017,1017,Riverside Clinic,open\n',
    });
    const dataDir = path.join(root, 'data');
    const store = openStore(dataDir);
    const company = companySchema.parse({
      id: 'acme',
      name: 'Acme',
      pm: { type: 'files', dir: path.join(root, 'pm') },
      erp: { type: 'sage100c', sandbox: { dataset: FIXTURE } },
    });
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const take = () => takeSnapshot({ company, dataDir, baseDir: root, store, trigger: 'test', log });

    const first = await take();
    if (!first.ok) throw new Error(first.message);
    const state = loadConnectorState(store.db, 'acme', 'erp', 'sage100c') as { jobcst: { file: string } };
    expect(state.jobcst.file).toContain(path.join(dataDir, 'connectors', 'sage100c', 'acme'));

    const second = await take();
    if (!second.ok) throw new Error(second.message);
    const reads = lines.map((l) => JSON.parse(l) as { jobCostRead?: string }).filter((l) => l.jobCostRead);
    expect(reads.map((l) => l.jobCostRead)).toEqual(['full', 'incremental']);
    expect(await jobCost(second.absolutePath)).toEqual(await jobCost(first.absolutePath));
    expect((await jobCost(first.absolutePath)).length).toBe(12);
    store.close();
  });
});
