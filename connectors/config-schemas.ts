/**
 * Every connector type's configuration schema, by the `type` of its config entry: only the zod schemas
 * (each `connectors/<x>/config.ts`), so reading tieout's configuration loads no connector, DuckDB, mssql or
 * HTTP client. connectors/registry.ts holds the implementations; test/config/connector-schemas.test.ts checks
 * that both list the same types with the same schema objects.
 */
import type { z } from 'zod';
import { filesConfigSchema } from './files/config.ts';
import { procoreConfigSchema } from './procore/config.ts';
import { qbdConfigSchema, qboConfigSchema } from './qbd/config.ts';
import { sage100cConfigSchema } from './sage100c/config.ts';
import { sage300creConfigSchema } from './sage300cre/config.ts';
import { vistaConfigSchema } from './vista/config.ts';

export const CONNECTOR_CONFIG_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  files: filesConfigSchema,
  procore: procoreConfigSchema,
  sage100c: sage100cConfigSchema,
  qbd: qbdConfigSchema,
  qbo: qboConfigSchema,
  vista: vistaConfigSchema,
  sage300cre: sage300creConfigSchema,
};

export const CONNECTOR_TYPES: readonly string[] = Object.keys(CONNECTOR_CONFIG_SCHEMAS);
