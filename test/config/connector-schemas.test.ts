/**
 * The configuration reads connector entries through connectors/config-schemas.ts (the zod schemas alone, so
 * loading the configuration loads no connector); snapshots create connectors through connectors/registry.ts.
 * Both must name the same types with the very same schema objects, or a config could validate against one
 * rule and be used under another.
 */
import { describe, expect, it } from 'vitest';
import { CONNECTOR_CONFIG_SCHEMAS, CONNECTOR_TYPES } from '../../connectors/config-schemas.ts';
import { CONNECTOR_FACTORIES } from '../../connectors/registry.ts';
import { configSchema } from '../../src/config/schema.ts';

describe('connector config schemas apart from the connectors', () => {
  it('lists the same types as the registry of implementations, with the same schema objects', () => {
    expect([...CONNECTOR_TYPES].sort()).toEqual(CONNECTOR_FACTORIES.map((f) => f.type).sort());
    for (const factory of CONNECTOR_FACTORIES)
      expect(CONNECTOR_CONFIG_SCHEMAS[factory.type], factory.type).toBe(factory.configSchema);
  });

  it('an unknown type is refused naming the known ones, and a prototype key is not a type', () => {
    for (const type of ['ftp', 'toString', '__proto__']) {
      const parsed = configSchema.safeParse({
        companies: [{ id: 'acme', name: 'Acme', pm: { type }, erp: { type: 'files', dir: 'erp' } }],
      });
      expect(parsed.success).toBe(false);
      const messages = parsed.error?.issues.map((i) => i.message).join('\n') ?? '';
      expect(messages).toContain(`unknown connector type "${type}"; known: files, procore`);
    }
  });
});
