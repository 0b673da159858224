/**
 * Each way a Sage company can refuse tieout fails the whole ERP side with a message that says what to
 * check, before a single record is handed over — never a partial snapshot. The sandbox raises SQL Server's
 * own error numbers (18456, 17892, 4060; 208/207 for a missing table or column), so the classification
 * tested here is the one production uses. Not provable without a real server: the exact text tedious
 * wraps these numbers in (the classifier also matches the messages), TLS and network failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../connectors/contract.ts';
import { classifySqlError } from '../../connectors/sage100c/errors.ts';
import { SageSandbox } from '../../connectors/sage100c/sandbox/index.ts';
import { SqlServerError } from '../../connectors/sage100c/sql-client.ts';
import { sageMoney } from '../../connectors/sage100c/values.ts';
import { connectorFor, FIXTURE, fixtureSandbox } from './sandbox.ts';
import { drain, readContext } from './support.ts';

/** Reads until the connector fails; returns the error and how many streams were handed over before it. */
async function failure(connector: ReturnType<typeof connectorFor>) {
  let streams = 0;
  try {
    for await (const stream of connector.read(readContext())) {
      streams++;
      for await (const _ of stream.records) {
      }
    }
  } catch (e) {
    return { error: e as SourceError, streams };
  }
  throw new Error('the connector did not fail');
}

const ctx = {
  server: 'sage01\\SAGE100CON',
  database: 'Acme',
  user: 'tieout_reader',
  appName: 'tieout-sage100c',
};

describe('connection refusals', () => {
  let sandbox: SageSandbox;
  beforeAll(async () => {
    sandbox = await fixtureSandbox();
  });
  afterAll(() => sandbox.close());

  it('a wrong password names the login and where the password comes from', async () => {
    const { error, streams } = await failure(connectorFor(sandbox, {}, { password: 'wrong' }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe('sage_login_failed');
    expect(error.message).toMatch(/refused the login "tieout_reader" \(error 18456\)/);
    expect(streams).toBe(0);
  });

  it('an application the logon trigger does not know is told which name to allow', async () => {
    const { error } = await failure(connectorFor(sandbox, {}, { appName: 'something-else' }));
    expect(error.code).toBe('sage_app_not_allowed');
    expect(error.message).toMatch(/error 17892/);
    expect(error.message).toMatch(/allow the application name "something-else"/);
  });

  it('a database that does not exist points at the company database name', async () => {
    const { error, streams } = await failure(connectorFor(sandbox, {}, { database: 'Acme Old' }));
    expect(error.code).toBe('sage_database_missing');
    expect(error.message).toMatch(/database "Acme Old".*error 4060/);
    expect(streams).toBe(0);
  });
});

describe('an older Sage version without a table or column tieout reads', () => {
  it('a missing table is named with the queries that need it, before any stream', async () => {
    const sandbox = await fixtureSandbox({ drop: ['acpinv'] });
    try {
      const { error, streams } = await failure(connectorFor(sandbox));
      expect(error.code).toBe('sage_table_missing');
      expect(error.message).toMatch(
        /dbo\.acpinv \(read by invoice-ledger\.sql, payables\.sql, payable-lines\.sql\)/,
      );
      expect(streams).toBe(0);
    } finally {
      sandbox.close();
    }
  });

  it('a missing column is named table.column, before any stream', async () => {
    const sandbox = await fixtureSandbox({ drop: ['acpinv.invnet', 'subcon.rtnrte'] });
    try {
      const { error, streams } = await failure(connectorFor(sandbox));
      expect(error.code).toBe('sage_column_missing');
      expect(error.message).toContain('dbo.acpinv.invnet (read by payables.sql)');
      expect(error.message).toContain('dbo.subcon.rtnrte (read by subcontracts.sql)');
      expect(error.message).toMatch(/v21 or later/);
      expect(streams).toBe(0);
    } finally {
      sandbox.close();
    }
  });

  it('GL tables are only required when GL accounts are configured', async () => {
    const sandbox = await SageSandbox.fromDataset(FIXTURE, { drop: ['lgrbal'] });
    try {
      const { error } = await failure(connectorFor(sandbox));
      expect(error.message).toContain('dbo.lgrbal');
      let tables = 0;
      for await (const _ of connectorFor(sandbox, { glAccounts: undefined }).read(readContext())) tables++;
      expect(tables).toBe(13);
    } finally {
      sandbox.close();
    }
  });
});

describe('values Sage links by that two records share', () => {
  it('a ledger transaction two invoices share never counts a cost twice', async () => {
    const sandbox = await fixtureSandbox();
    try {
      await sandbox.con.run(
        'UPDATE dbo.acpinv SET lgrrec = (SELECT lgrrec FROM dbo.acpinv WHERE recnum = 801) WHERE recnum = 802',
      );
      await sandbox.con.run(
        'UPDATE dbo.jobcst SET lgrrec = (SELECT lgrrec FROM dbo.acpinv WHERE recnum = 801) WHERE recnum = 9902',
      );
      const warnings: unknown[] = [];
      const log = { info: () => {}, warn: (o: object) => warnings.push(o), error: () => {} };
      const tables = await drain(connectorFor(sandbox), readContext({ log }));
      expect(tables.cost_transactions).toHaveLength(12);
      const shared = tables.cost_transactions!.filter((c) => ['9901', '9902'].includes(c.transaction_id!));
      expect(shared.map((c) => c.invoice_id)).toEqual([null, null]);
      expect(tables.payable_lines!.filter((l) => ['801', '802'].includes(l.invoice_id!))).toEqual([]);
      expect(warnings).toEqual([{ sharedLedgerRefs: 1 }]);
    } finally {
      sandbox.close();
    }
  });
});

describe('classifying what the mssql driver throws', () => {
  it('recognises tedious errors by number and by message', () => {
    expect(classifySqlError({ number: 18456, message: 'x' }, ctx).code).toBe('sage_login_failed');
    expect(classifySqlError(new Error("Login failed for user 'tieout_reader'."), ctx).code).toBe(
      'sage_login_failed',
    );
    expect(classifySqlError({ originalError: { info: { number: 17892 } } }, ctx).code).toBe(
      'sage_app_not_allowed',
    );
    expect(
      classifySqlError(new SqlServerError(207, "Invalid column name 'invnet'."), {
        ...ctx,
        query: 'payables.sql',
      }).message,
    ).toMatch(/Invalid column name 'invnet'\. \(while running payables\.sql\)/);
  });
  it('an unreachable server says what to check on the network', () => {
    const e = Object.assign(new Error('Failed to connect to sage01:1433'), { code: 'ESOCKET' });
    expect(classifySqlError(e, ctx).code).toBe('sage_unreachable');
    expect(classifySqlError(e, ctx).message).toMatch(/SQL Server Browser/);
  });
  it('money that arrives as a JS number is refused: the query forgot its cast', () => {
    expect(() => sageMoney(1250.5)).toThrow(/cast it in the \.sql file/);
  });
});

describe('a dataset the sandbox cannot render', () => {
  it('a fifth custom cost type stops the seeding with file and line: Sage has four', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/tieout-sage-');
    await writeFile(`${dir}/jobs.csv`, 'job_id,number,name,status\n1,1,Test job,open\n');
    await writeFile(
      `${dir}/budget_lines.csv`,
      'job_id,cost_code,cost_type,original_budget\n1,1000,permits,1\n1,1000,bonds,1\n1,1000,fees,1\n1,1000,tests,1\n1,1000,travel,1\n',
    );
    await expect(SageSandbox.fromDataset(dir)).rejects.toThrow(
      /budget_lines\.csv:6: cost type "travel": Sage has only four user-defined cost types/,
    );
  });
});
