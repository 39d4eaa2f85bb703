import type { Middleware } from 'koa';

import { RequestContext } from '../context/request-context.js';
import type { Logger } from '../logging/logger.js';
import { assignRequestId } from './request-id.js';

/**
 * Pipeline stage 2: gives the request its id and its {@link RequestContext}
 * (and through it the lazily created DI scope), and disposes them afterwards.
 */
export function createRequestContextStage(logger: Logger): Middleware {
  return async (ctx, next) => {
    const id = assignRequestId(ctx);
    const context = new RequestContext(id, ctx);
    const started = performance.now();

    ctx.set('X-Request-Id', id);

    try {
      await RequestContext.run(context, next);
    } finally {
      await disposeQuietly(context, logger);
      logCompletion(logger, id, ctx.method, ctx.status, started);
    }
  };
}

async function disposeQuietly(context: RequestContext, logger: Logger): Promise<void> {
  try {
    await context.dispose();
  } catch (error) {
    logger.error({ requestId: context.id, err: error }, 'request scope disposal failed');
  }
}

function logCompletion(
  logger: Logger,
  requestId: string,
  method: string,
  status: number,
  started: number,
): void {
  const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
  logger.debug({ requestId, method, status, durationMs }, 'request completed');
}
