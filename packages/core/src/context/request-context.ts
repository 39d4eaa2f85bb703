import { AsyncLocalStorage } from 'node:async_hooks';

import type { Context } from 'koa';

import { CoreError } from '../errors.js';
import type { ContextKey } from './context-key.js';
import { RequestScope } from '../di/request-scope.js';

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Everything that belongs to one HTTP request: its id, its Koa context, typed
 * per-request values and its lazily created DI scope. Readable from anywhere
 * inside the request through {@link RequestContext.current}, which is backed by
 * `AsyncLocalStorage`, so a singleton never sees another request's values.
 */
export class RequestContext {
  /** The request id, echoed in the `X-Request-Id` response header. */
  readonly id: string;
  /** The Koa context of the request. */
  readonly ctx: Context;
  readonly #values = new Map<symbol, unknown>();
  #scope: RequestScope | undefined;

  /** @internal Created by the application for each request. */
  constructor(id: string, ctx: Context) {
    this.id = id;
    this.ctx = ctx;
  }

  /**
   * The context of the request being handled.
   *
   * @throws CoreError `ERR_CORE_NO_REQUEST_CONTEXT` outside of a request
   */
  static current(): RequestContext {
    const current = storage.getStore();

    if (current === undefined) {
      const message = 'RequestContext.current() was called outside of an HTTP request.';
      throw new CoreError('ERR_CORE_NO_REQUEST_CONTEXT', message);
    }

    return current;
  }

  /** The context of the request being handled, or `undefined` outside of one. */
  static tryCurrent(): RequestContext | undefined {
    return storage.getStore();
  }

  /** @internal Runs `callback` with `context` as the current request. */
  static run<T>(context: RequestContext, callback: () => T): T {
    return storage.run(context, callback);
  }

  /** Reads a per-request value. */
  get<T>(key: ContextKey<T>): T | undefined {
    return this.#values.get(key.symbol) as T | undefined;
  }

  /** Stores a per-request value. */
  set<T>(key: ContextKey<T>, value: T): void {
    this.#values.set(key.symbol, value);
  }

  /** The request's DI scope, created on first use. */
  get scope(): RequestScope {
    this.#scope ??= new RequestScope(() => storage.getStore() === this);
    return this.#scope;
  }

  /** @internal Disposes the DI scope if the request created one. */
  /** Whether the request created its DI scope, which then needs disposing. */
  get hasScope(): boolean {
    return this.#scope !== undefined;
  }

  async dispose(): Promise<void> {
    await this.#scope?.dispose();
  }
}
