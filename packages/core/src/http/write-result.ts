import { Readable } from 'node:stream';

import type { Context } from 'koa';

import type { ResponseDeclaration } from '../decorators/response.js';
import { HttpResponse } from './http-response.js';

/**
 * Writes a handler's return value: `undefined` is 204, strings, buffers and
 * streams pass through, an {@link HttpResponse} sets status and headers, and
 * anything else is sent as JSON.
 */
export function writeResult(
  ctx: Context,
  result: unknown,
  declared: ResponseDeclaration | undefined,
): void {
  if (declared !== undefined) ctx.set(declared.headers);

  if (result instanceof HttpResponse) {
    ctx.set(result.headers);
    writeBody(ctx, result.body, result.status ?? declared?.status);
    return;
  }

  writeBody(ctx, result, declared?.status);
}

function writeBody(ctx: Context, body: unknown, status: number | undefined): void {
  if (body === undefined) {
    ctx.status = status ?? 204;
    return;
  }

  if (isPassThrough(body)) {
    ctx.body = body;
  } else {
    // Typed first, so Koa does not sniff the JSON string for a type of its own.
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  }

  if (status !== undefined) ctx.status = status;
}

function isPassThrough(body: unknown): boolean {
  return typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Readable;
}
