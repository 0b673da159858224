/**
 * Incremental job cost: a second run asks Sage only for what changed since the first, and its snapshot rows
 * are exactly those of a full read — or, when anything does not add up, it reads in full.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAGE_APP_NAME } from '../../connectors/sage100c/config.ts';
import { sage100cConnector } from '../../connectors/sage100c/connector.ts';
import { SANDBOX_LOGIN, type SageSandbox } from '../../connectors/sage100c/sandbox/index.ts';
import { DEFAULT_MAPPING, fixtureSandbox } from './sandbox.ts';
import { drain, readContext, sorted } from './support.ts';

let sandbox: SageSandbox;
let cacheDir: string;

beforeEach(async () => {
  sandbox = await fixtureSandbox();
  // Entered a minute apart, as a real company's job cost is.
  await sandbox.con.run(
    "UPDATE dbo.jobcst SET insdte = TIMESTAMP '2026-10-01 00:00:00' + (recnum - 9900) * INTERVAL 1 MINUTE, upddte = NULL",
  );
  cacheDir = await mkdtemp(path.join(tmpdir(), 'tieout-sage-cache-'));
});
afterEach(() => sandbox.close());

async function run(previousState: unknown, withCache = true) {
  const connector = sage100cConnector({
    open: () => sandbox.connect({ database: sandbox.database, ...SANDBOX_LOGIN, appName: SAGE_APP_NAME }),
    mapping: DEFAULT_MAPPING,
    location: 'test',
    errorContext: { server: 'sandbox', database: sandbox.database, user: 'u', appName: SAGE_APP_NAME },
    cacheDir: withCache ? cacheDir : undefined,
  });
  let state: unknown;
  const messages: { level: string; obj: object }[] = [];
  const log = {
    info: (obj: object) => messages.push({ level: 'info', obj }),
    warn: (obj: object) => messages.push({ level: 'warn', obj }),
    error: () => {},
  };
  const tables = await drain(connector, readContext({ previousState, saveState: (s) => (state = s), log }));
  const mode = messages.find((m) => 'jobCostRead' in m.obj)?.obj as { jobCostRead: string } | undefined;
  return { tables, state, mode: mode?.jobCostRead, warnings: messages.filter((m) => m.level === 'warn') };
}

describe('incremental job cost', () => {
  it('a second run reads only what changed and gives exactly the rows of a full read', async () => {
    const first = await run(undefined);
    expect(first.mode).toBe('full');
    await sandbox.con.run(
      "UPDATE dbo.jobcst SET cstamt = 19000.00, upddte = TIMESTAMP '2026-11-02 09:00:00' WHERE recnum = 9906",
    );
    await sandbox.con.run(`INSERT INTO dbo.jobcst (recnum, jobnum, phsnum, cstcde, csttyp, cstamt, trndte, status,
      srcnum, lgrrec, dscrpt, insdte, _idnum)
      VALUES (9950, 1017, 0, 1000.000, 2, 640.25, DATE '2026-11-01', 1, 1, 0, 'Payroll week 44',
      TIMESTAMP '2026-11-02 10:00:00', uuid())`);
    await sandbox.con.run('DELETE FROM dbo.jobcst WHERE recnum = 9908');

    const second = await run(first.state);
    expect(second.mode).toBe('incremental');
    const full = await run(undefined, false);
    expect(sorted(second.tables.cost_transactions)).toEqual(sorted(full.tables.cost_transactions));
    expect(second.tables.cost_transactions?.find((c) => c.transaction_id === '9906')?.amount).toBe(
      '19000.00',
    );
    expect(second.tables.cost_transactions?.some((c) => c.transaction_id === '9908')).toBe(false);
    expect(second.tables.cost_transactions?.find((c) => c.transaction_id === '9950')?.amount).toBe('640.25');
  });

  it('a change Sage did not stamp is caught by the control totals and read in full', async () => {
    const first = await run(undefined);
    await sandbox.con.run('UPDATE dbo.jobcst SET cstamt = 1.00 WHERE recnum = 9911');
    const second = await run(first.state);
    expect(second.mode).toBe('full');
    expect(second.warnings).toHaveLength(1);
    expect(second.tables.cost_transactions?.find((c) => c.transaction_id === '9911')?.amount).toBe('1.00');
  });

  it('state from another database is not trusted', async () => {
    const first = await run(undefined);
    const foreign = { jobcst: { ...(first.state as { jobcst: object }).jobcst, database: 'Other Company' } };
    expect((await run(foreign)).mode).toBe('full');
  });
});
