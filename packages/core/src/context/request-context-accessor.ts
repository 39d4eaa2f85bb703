import { RequestContext } from './request-context.js';

/**
 * A view of the current request's {@link RequestContext} that a singleton can
 * inject and keep: every read goes through `AsyncLocalStorage`, so it always
 * sees the request being handled, never the one it was constructed in.
 */
export interface RequestContextAccessor {
  /**
   * The current request's context.
   *
   * @throws CoreError `ERR_CORE_NO_REQUEST_CONTEXT` outside of a request
   */
  readonly current: RequestContext;
  /** The current request's context, or `undefined` outside of one. */
  readonly tryCurrent: RequestContext | undefined;
}

/**
 * Container token of the {@link RequestContextAccessor}, bound by the application.
 *
 * @example
 * ```ts
 * @injectable()
 * class AuditLog {
 *   constructor(@inject(REQUEST_CONTEXT) private readonly request: RequestContextAccessor) {}
 *   record(action: string) { this.entries.push({ action, requestId: this.request.current.id }); }
 * }
 * ```
 */
export const REQUEST_CONTEXT = Symbol.for('portico:request-context');

/** The accessor bound to {@link REQUEST_CONTEXT}. */
export const requestContextAccessor: RequestContextAccessor = Object.freeze({
  get current(): RequestContext {
    return RequestContext.current();
  },
  get tryCurrent(): RequestContext | undefined {
    return RequestContext.tryCurrent();
  },
});
