/** The HTTP application: JSON API under /api with its OpenAPI document; pages under / as they land. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Runtime } from '../runtime.ts';
import { registerHealth } from './health.ts';

export interface AppOptions {
  runtime: Runtime;
  nextRun?: (companyId: string) => Date | null;
}

export function createApp(options: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono();
  registerHealth(app, options.runtime, options.nextRun ?? (() => null));
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'tieout', version: '1' } });
  return app;
}
