import { STATUS_CODES as HTTP_STATUS_TEXTS } from 'node:http';

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
    logLateError(logger, known, original, requestId);
    return;
  }

  if (known.status >= 500) {
    logger.error({ requestId, err: original }, 'request failed');
  }

  resetHeaders(ctx);
  ctx.set(known.headers);
  if (requestId !== undefined) ctx.set('X-Request-Id', requestId);

  ctx.status = known.status;
  const shown = known.status >= 500 ? sanitize(known) : known;
  ctx.body = JSON.stringify(formatSafely(format, shown, requestId, logger));
  ctx.type = PROBLEM_CONTENT_TYPE;
}

/**
 * Logs an error that arrived once the response could no longer change. Below
 * 500 that is nearly always a client that disconnected (an aborted upload, a
 * closed tab), which a busy server sees constantly; logging each at error level
 * with a stack flooded the log (red-team round 2, finding 7).
 */
function logLateError(
  logger: Logger,
  known: HttpError,
  original: unknown,
  requestId: string | undefined,
): void {
  if (known.status < 500) {
    logger.debug({ requestId, status: known.status }, 'client went away');
    return;
  }

  logger.error({ requestId, err: original }, 'error after response started');
}

/**
 * Drops the headers the failed request had set, except `Connection: close`:
 * a graceful shutdown sets it on in-flight responses, and losing it would let
 * a keep-alive client reuse a closing connection (red-team round 2, finding 9).
 */
function resetHeaders(ctx: Context): void {
  const connection = ctx.res.getHeader('Connection');

  for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);

  if (isClose(connection)) ctx.res.setHeader('Connection', 'close');
}

function isClose(connection: ReturnType<Context['res']['getHeader']>): boolean {
  return typeof connection === 'string' && connection.toLowerCase() === 'close';
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

  // Only Error instances (Koa's ctx.throw, http-errors) may pick a status: a
  // plain object with `status` is as likely a leaked upstream response.
  const candidate = (error instanceof Error ? error : {}) as KoaStyleError;
  const offeredStatus = typeof candidate.status === 'number' ? candidate.status : 500;
  const status = HTTP_STATUS_TEXTS[offeredStatus] === undefined ? 500 : offeredStatus;
  const isClientError = Number.isInteger(status) && status >= 400 && status < 500;
  // A client error without a code of its own (429, 422 …) keeps its status.
  const code = STATUS_CODES[status] ?? (isClientError ? 'ERR_CORE_CLIENT_ERROR' : undefined);

  if (status >= 500 || code === undefined) {
    return new HttpError(500, 'ERR_CORE_INTERNAL', CORE_ERROR_CODES.ERR_CORE_INTERNAL, {
      cause: error,
    });
  }

  const { expose, message: offered } = candidate;
  const message = expose === true && typeof offered === 'string' ? offered : CORE_ERROR_CODES[code];

  return new HttpError(status, code, message, { cause: error });
}

/**
 * What a formatter sees of a 5xx: status, code, headers and a fixed message,
 * never the original error (`cause`) nor its message, which may hold internals.
 */
function sanitize(error: HttpError): HttpError {
  const coreText: unknown = Reflect.get(CORE_ERROR_CODES, error.code);
  const statusText = HTTP_STATUS_TEXTS[error.status] ?? 'Server error';
  const message = typeof coreText === 'string' ? coreText : statusText;

  return new HttpError(error.status, error.code, message, { headers: error.headers });
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
