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
 *
 * A request ends when the pipeline has finished with it. Timers, emitters and
 * promise callbacks created during the request keep its `AsyncLocalStorage`
 * store, but once it has ended {@link RequestContext.current} throws and
 * {@link RequestContext.tryCurrent} returns `undefined` there, so work that
 * outlives a request never acts for a caller who is gone. Such work must not
 * read request values: capture what it needs before the response, or start it
 * detached with {@link RequestContext.detach}.
 */
export class RequestContext {
  /** The request id, echoed in the `X-Request-Id` response header. */
  readonly id: string;
  /** The Koa context of the request. */
  readonly ctx: Context;
  readonly #values = new Map<symbol, unknown>();
  #scope: RequestScope | undefined;
  #ended = false;

  /** @internal Created by the application for each request. */
  constructor(id: string, ctx: Context) {
    this.id = id;
    this.ctx = ctx;
  }

  /**
   * The context of the request being handled.
   *
   * @throws CoreError `ERR_CORE_NO_REQUEST_CONTEXT` outside of a request, and in
   *   work (a timer, a listener) that outlived the request that started it
   */
  static current(): RequestContext {
    const current = RequestContext.tryCurrent();

    if (current === undefined) {
      const message =
        'RequestContext.current() was called outside of an HTTP request ' +
        'or after the request that started this work had ended.';
      throw new CoreError('ERR_CORE_NO_REQUEST_CONTEXT', message);
    }

    return current;
  }

  /**
   * The context of the request being handled, or `undefined` outside of one
   * and in work that outlived its request.
   */
  static tryCurrent(): RequestContext | undefined {
    const current = storage.getStore();

    // An ended request still sits in the store of the timers it started
    // (red-team round 2, finding 3).
    return current === undefined || current.#ended ? undefined : current;
  }

  /**
   * Runs `callback` outside of any request (`AsyncLocalStorage.exit` on the
   * framework's store), so timers and listeners it starts carry no request.
   *
   * @example
   * ```ts
   * const requestId = RequestContext.current().id; // capture what the job needs first
   * RequestContext.detach(() => setTimeout(() => audit(requestId), 60_000));
   * ```
   */
  static detach<T>(callback: () => T): T {
    return storage.exit(callback);
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
    this.#scope ??= new RequestScope(() => RequestContext.tryCurrent() === this);
    return this.#scope;
  }

  /** Whether the pipeline has finished with this request. */
  get ended(): boolean {
    return this.#ended;
  }

  /** @internal Marks the request finished; called by the request context stage. */
  end(): void {
    this.#ended = true;
  }

  /** @internal Whether the request's DI scope holds instances with a disposer. */
  get needsDisposal(): boolean {
    return this.#scope?.hasDisposables ?? false;
  }

  /** @internal Disposes the DI scope if the request created one. */
  async dispose(): Promise<void> {
    await this.#scope?.dispose();
  }
}
