/**
 * The config entry and what the connector asks of the mssql driver. The driver itself is not exercised:
 * no SQL Server runs on the build machine, so these tests stop at the options handed to it.
 */
import { describe, expect, it } from 'vitest';
import { connectorFactory } from '../../connectors/registry.ts';
import { SAGE_APP_NAME, sage100cConfigSchema } from '../../connectors/sage100c/config.ts';
import { sage100cFactory } from '../../connectors/sage100c/index.ts';
import { mssqlConfig } from '../../connectors/sage100c/mssql-client.ts';

const production = {
  type: 'sage100c',
  server: 'sage01\\SAGE100CON',
  database: 'Acme Construction',
  user: 'tieout_reader',
  password: 'env:SAGE_PASSWORD',
};

describe('the sage100c config entry', () => {
  it('is registered by its type', () => {
    expect(connectorFactory('sage100c')).toBe(sage100cFactory);
  });
  it('takes a server with database, user and an env: password, phases rolled up by default', () => {
    const config = sage100cConfigSchema.parse(production);
    expect(config).toMatchObject({
      phases: 'rollup',
      costCodes: 'trim',
      encrypt: true,
      trustServerCertificate: false,
    });
  });
  it('refuses a password written into the file', () => {
    const result = sage100cConfigSchema.safeParse({ ...production, password: 'hunter2' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/env:VARIABLE_NAME/);
  });
  it('wants exactly one way in', () => {
    const both = sage100cConfigSchema.safeParse({ ...production, sandbox: { dataset: 'demo/erp' } });
    expect(both.error?.issues[0]?.message).toMatch(/exactly one of/);
    const partial = sage100cConfigSchema.safeParse({ type: 'sage100c', server: 'sage01' });
    expect(partial.error?.issues.map((i) => i.path.join('.'))).toEqual(['database', 'user', 'password']);
  });
  it('names a missing password variable when the connector is created', async () => {
    const config = sage100cConfigSchema.parse(production);
    const env = { baseDir: '/', dataDir: '/tmp', companyId: 'acme', log: console, env: {} };
    await expect(sage100cFactory.create(config, env)).rejects.toThrow(
      /environment variable SAGE_PASSWORD is not set/,
    );
  });
});

describe('what the driver is asked for', () => {
  const target = {
    server: 'sage01\\SAGE100CON',
    database: 'Acme Construction',
    user: 'tieout_reader',
    password: 'pw',
    encrypt: true,
    trustServerCertificate: true,
    requestTimeoutSeconds: 300,
  };
  it('a named instance, read-only intent and the fixed application name administrators allow-list', () => {
    const config = mssqlConfig(target);
    expect(config).toMatchObject({
      server: 'sage01',
      database: 'Acme Construction',
      requestTimeout: 300_000,
    });
    expect(config.options).toMatchObject({
      appName: SAGE_APP_NAME,
      instanceName: 'SAGE100CON',
      readOnlyIntent: true,
      encrypt: true,
      trustServerCertificate: true,
      useUTC: true,
    });
  });
  it('an explicit port replaces the instance lookup', () => {
    expect(mssqlConfig({ ...target, port: 51433 }).options?.instanceName).toBeUndefined();
  });
});
