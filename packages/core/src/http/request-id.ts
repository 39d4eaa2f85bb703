import { randomUUID } from 'node:crypto';

import type { Context } from 'koa';

const REQUEST_ID = Symbol('portico:request-id');
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The id of the request handled by `ctx`, once the request context stage ran. */
export function getRequestId(ctx: Context): string | undefined {
  return (ctx as unknown as Record<symbol, string | undefined>)[REQUEST_ID];
}

/**
 * Takes the caller's `X-Request-Id` when it is short and plain, otherwise
 * makes a new one, and records it on `ctx`.
 */
export function assignRequestId(ctx: Context): string {
  const offered = ctx.get('X-Request-Id');
  const id = SAFE_ID.test(offered) ? offered : randomUUID();

  (ctx as unknown as Record<symbol, string>)[REQUEST_ID] = id;
  return id;
}
