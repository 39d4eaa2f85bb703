import type { Context, Middleware } from 'koa';

import { HttpError, CORE_ERROR_CODES } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { ErrorFormatter } from './error-formatter.js';
import { createProblem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { getRequestId } from './request-id.js';

/**
 * Pipeline stage 1: turns every thrown error into a problem+json response
 * with a stable `code`. Unexpected errors become a generic 500 and are logged
 * once, with the request id; nothing of them reaches the client.
 */
export function createErrorBoundary(logger: Logger, format: ErrorFormatter): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      respondWithError(ctx, toHttpError(error), error, { logger, format });
    }
  };
}

interface BoundaryTools {
  readonly logger: Logger;
  readonly format: ErrorFormatter;
}

function respondWithError(
  ctx: Context,
  known: HttpError,
  original: unknown,
  { logger, format }: BoundaryTools,
): void {
  const requestId = getRequestId(ctx);

  if (ctx.res.headersSent || !ctx.writable) {
    logger.error({ requestId, err: original }, 'error after response started');
    return;
  }

  if (known.status >= 500) {
    logger.error({ requestId, err: original }, 'request failed');
  }

  resetHeaders(ctx);
  ctx.set(known.headers);
  if (requestId !== undefined) ctx.set('X-Request-Id', requestId);

  ctx.status = known.status;
  ctx.body = JSON.stringify(formatSafely(format, known, requestId, logger));
  ctx.type = PROBLEM_CONTENT_TYPE;
}

function resetHeaders(ctx: Context): void {
  for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);
}

/** Errors from Koa itself (`ctx.throw`, http-errors) carry `status` and `expose`. */
interface KoaStyleError {
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly message?: unknown;
}

const STATUS_CODES: Readonly<Record<number, keyof typeof CORE_ERROR_CODES>> = {
  400: 'ERR_CORE_BAD_REQUEST',
  401: 'ERR_CORE_UNAUTHORIZED',
  403: 'ERR_CORE_FORBIDDEN',
  404: 'ERR_CORE_NOT_FOUND',
  405: 'ERR_CORE_METHOD_NOT_ALLOWED',
  409: 'ERR_CORE_CONFLICT',
  413: 'ERR_CORE_PAYLOAD_TOO_LARGE',
  415: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE',
  503: 'ERR_CORE_SERVICE_UNAVAILABLE',
};

/** Maps anything thrown to the {@link HttpError} the client will see. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;

  const candidate = (typeof error === 'object' && error !== null ? error : {}) as KoaStyleError;
  const status = typeof candidate.status === 'number' ? candidate.status : 500;
  const code = STATUS_CODES[status];

  if (status >= 500 || code === undefined) {
    return new HttpError(500, 'ERR_CORE_INTERNAL', CORE_ERROR_CODES.ERR_CORE_INTERNAL, {
      cause: error,
    });
  }

  const { expose, message: offered } = candidate;
  const message = expose === true && typeof offered === 'string' ? offered : CORE_ERROR_CODES[code];

  return new HttpError(status, code, message, { cause: error });
}

function formatSafely(
  format: ErrorFormatter,
  error: HttpError,
  requestId: string | undefined,
  logger: Logger,
): unknown {
  try {
    return format(error, requestId);
  } catch (failure) {
    // A broken custom formatter must not turn every error into Koa's text 500.
    logger.error({ requestId, err: failure }, 'error formatter failed');
    return createProblem(error, requestId);
  }
}
