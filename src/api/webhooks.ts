/**
 * POST /webhooks/procore: Procore's webhook deliveries. Procore is not a tieout user, so this is answered
 * before the user gates, like the metrics scraper: the delivery proves itself with the `Authorization` header
 * configured for its Procore company (connectors/procore/webhooks.ts checks it and keeps the event in the
 * company's inbox). It answers 204 at once, as Procore asks; the nightly run does the reading.
 */
import type { MiddlewareHandler } from 'hono';
import { type Clock, systemClock } from '../../connectors/clock.ts';
import { receiveProcoreWebhook, webhookReceivers } from '../../connectors/procore/index.ts';
import type { ApiEnv } from './context.ts';
import { ApiError, errorResponse } from './errors.ts';

export function procoreWebhooks(
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
): MiddlewareHandler<ApiEnv> {
  let warned = false;
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const runtime = c.get('runtime');
    const { receivers, missing } = webhookReceivers(runtime.config.companies, env);
    if (missing.length > 0 && !warned) {
      warned = true;
      runtime.log.warn({ missing }, 'procore webhooks configured without their secret; deliveries get 401');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, new ApiError('bad_request', 'invalid_request', 'the body is not JSON'));
    }
    const answer = receiveProcoreWebhook(
      receivers,
      runtime.config.dataDir,
      c.req.header('authorization'),
      body,
      new Date(clock.now()),
    );
    if (answer.status === 204) return c.body(null, 204);
    const error =
      answer.status === 401
        ? new ApiError('unauthorized', 'unauthorized', answer.error ?? '')
        : new ApiError('bad_request', 'invalid_request', answer.error ?? '');
    return errorResponse(c, error);
  };
}
