import { describe, expect, it } from 'vitest';
import { resolveSecret } from '../../connectors/secrets.ts';
import { ConfigError, parseConfigText, readEnvironment } from '../../src/config/load.ts';

const company = {
  id: 'acme',
  name: 'Acme',
  pm: { type: 'files', dir: 'pm' },
  erp: { type: 'files', dir: 'erp' },
};

describe('configuration', () => {
  it('fills in defaults a controller would expect', () => {
    const config = parseConfigText(JSON.stringify({ companies: [company] }), 'tieout.config.json');
    const c = config.companies[0]!;
    expect(c.timezone).toBe('UTC');
    expect(c.schedule).toBe('0 2 * * *');
    expect(c.retention.nightly).toBe(35);
    expect(c.settings.defaultTolerance).toEqual({ absolute: '1.00', relative: '0' });
    expect(c.settings.estimateSource).toBe('pm');
  });

  it('names every bad key with its path', () => {
    const bad = {
      companies: [
        {
          ...company,
          timezone: 'Mars/Olympus',
          settings: { tolerances: { 'budget.mismatch': { absolute: '1,00' } } },
        },
        { ...company, extra: true },
      ],
    };
    try {
      parseConfigText(JSON.stringify(bad), 'cfg.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('cfg.json is invalid');
      expect(msg).toContain('companies[0].timezone: not an IANA time zone');
      expect(msg).toContain('companies[0].settings.tolerances.budget.mismatch.absolute');
      expect(msg).toContain('companies[1]');
      expect(msg).toContain('company id "acme" is used twice');
    }
  });

  it('refuses a file that is not JSON, saying so', () => {
    expect(() => parseConfigText('{ companies: [', 'cfg.json')).toThrow(/cfg\.json is not valid JSON/);
  });

  it('reads PORT and TIEOUT_DATA_DIR from the environment', () => {
    const env = readEnvironment({ PORT: '9999', TIEOUT_DATA_DIR: '/srv/tieout' });
    expect(env).toMatchObject({ port: 9999, dataDir: '/srv/tieout' });
    expect(() => readEnvironment({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('resolves env: secrets and names the missing variable', () => {
    expect(
      resolveSecret('env:PROCORE_SECRET', 'companies[0].pm.clientSecret', { PROCORE_SECRET: 's3cret' }),
    ).toBe('s3cret');
    expect(() => resolveSecret('env:PROCORE_SECRET', 'companies[0].pm.clientSecret', {})).toThrow(
      'companies[0].pm.clientSecret refers to env:PROCORE_SECRET, but environment variable PROCORE_SECRET is not set',
    );
  });
});
