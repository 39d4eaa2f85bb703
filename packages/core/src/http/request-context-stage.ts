import type { Middleware } from 'koa';

import { RequestContext } from '../context/request-context.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { toHttpError } from './error-boundary.js';
import { assignRequestId } from './request-id.js';

/**
 * Pipeline stage 2: gives the request its id and its {@link RequestContext}
 * (and through it the lazily created DI scope), and disposes them afterwards.
 */
export function createRequestContextStage(logger: Logger): Middleware {
  // With the default silent logger there is no per-request line to build.
  const logsRequests = logger !== silentLogger;

  return async (ctx, next) => {
    const id = assignRequestId(ctx);
    const context = new RequestContext(id, ctx);
    const started = logsRequests ? performance.now() : 0;

    ctx.set('X-Request-Id', id);

    let status: number | undefined;

    try {
      await RequestContext.run(context, next);
    } catch (error) {
      // The boundary outside this stage writes the error status later.
      status = toHttpError(error).status;
      throw error;
    } finally {
      // Timers and listeners the request started keep its store; ending it
      // makes them see no current request (red-team round 2, finding 3).
      context.end();

      if (context.needsDisposal) await disposeQuietly(context, logger);

      if (logsRequests) {
        const fields = { requestId: id, method: ctx.method, path: ctx.path };
        logCompletion(logger, { ...fields, status: status ?? ctx.status }, started);
      }
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

interface CompletionFields {
  readonly requestId: string;
  readonly method: string;
  /** The path without the query string, which may carry credentials. */
  readonly path: string;
  readonly status: number;
}

function logCompletion(logger: Logger, fields: CompletionFields, started: number): void {
  const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
  logger.debug({ ...fields, durationMs }, 'request completed');
}
