/**
 * Alert settings in the configuration file: validated with the key path named, the company's block over the
 * installation's, over the environment variables (fallbacks only), over the defaults.
 */
import { describe, expect, it } from 'vitest';
import { alertSettings } from '../../src/alerts/settings.ts';
import { ConfigError, parseConfigText } from '../../src/config/load.ts';

const company = (extra: Record<string, unknown> = {}) => ({
  id: 'acme',
  name: 'Acme',
  pm: { type: 'files', dir: 'pm' },
  erp: { type: 'files', dir: 'erp' },
  ...extra,
});
const parse = (file: Record<string, unknown>) => parseConfigText(JSON.stringify(file), 'tieout.config.json');

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('alert settings in the config file', () => {
  it('a bad value is refused naming its key path', () => {
    expect(refusal(() => parse({ companies: [company({ alerts: { minSeverity: 'loud' } })] }))).toContain(
      'companies[0].alerts.minSeverity: use info, warning or critical',
    );
    expect(refusal(() => parse({ companies: [company()], alerts: { publicUrl: 'tieout' } }))).toContain(
      'alerts.publicUrl: write the address tieout is reached at',
    );
    expect(refusal(() => parse({ companies: [company({ alerts: { digestHour: 24 } })] }))).toContain(
      'companies[0].alerts.digestHour',
    );
    expect(
      refusal(() => parse({ companies: [company({ alerts: { recipients: ['not-an-address'] } })] })),
    ).toContain('companies[0].alerts.recipients[0]');
  });

  it('the company’s block wins over the installation’s, which wins over the environment', () => {
    const config = parse({
      companies: [
        company({
          alertRecipients: ['cfo@acme.test'],
          alerts: {
            minSeverity: 'critical',
            recipients: ['Controller@acme.test', 'cfo@acme.test'],
            digestHour: 6,
            approvalWaitDays: 3,
          },
        }),
        company({ id: 'berlin' }),
      ],
      alerts: {
        minSeverity: 'info',
        publicUrl: 'https://tieout.acme.test/',
        mailFrom: 'tieout <alerts@acme.test>',
        digestHour: 8,
      },
    });
    const env = {
      TIEOUT_ALERT_MIN_SEVERITY: 'warning',
      TIEOUT_PUBLIC_URL: 'http://env.test',
      TIEOUT_MAIL_FROM: 'env <e@e.test>',
    };
    expect(alertSettings(config, config.companies[0]!, env)).toEqual({
      minSeverity: 'critical',
      publicUrl: 'https://tieout.acme.test',
      mailFrom: 'tieout <alerts@acme.test>',
      digestHour: 6,
      extraRecipients: ['cfo@acme.test', 'controller@acme.test'],
      approvalWaitDays: 3,
    });
    expect(alertSettings(config, config.companies[1]!, env)).toMatchObject({
      minSeverity: 'info',
      digestHour: 8,
      extraRecipients: [],
      approvalWaitDays: 7,
    });
  });

  it('without a block the environment variables apply, then the defaults', () => {
    const config = parse({ companies: [company()] });
    expect(
      alertSettings(config, config.companies[0]!, {
        TIEOUT_ALERT_MIN_SEVERITY: 'critical',
        TIEOUT_PUBLIC_URL: 'https://t.acme.test',
        TIEOUT_MAIL_FROM: 'tieout <t@acme.test>',
      }),
    ).toMatchObject({
      minSeverity: 'critical',
      publicUrl: 'https://t.acme.test',
      mailFrom: 'tieout <t@acme.test>',
    });
    expect(alertSettings(config, config.companies[0]!, { PORT: '9000' })).toMatchObject({
      minSeverity: 'warning',
      publicUrl: 'http://127.0.0.1:9000',
      mailFrom: 'tieout <tieout@localhost>',
      digestHour: 7,
    });
  });

  it('a bad environment value is refused by name, not silently replaced', () => {
    const config = parse({ companies: [company()] });
    expect(
      refusal(() => alertSettings(config, config.companies[0]!, { TIEOUT_ALERT_MIN_SEVERITY: 'loud' })),
    ).toContain('environment variable TIEOUT_ALERT_MIN_SEVERITY is invalid');
  });
});
