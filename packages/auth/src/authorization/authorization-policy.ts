import type { JWTPayload } from 'jose';
import type { Context } from 'koa';
import type { RouteDefinition } from '@portico/core';

import type { SecurityContext } from '../security-context.js';

/** What an {@link AuthorizationPolicy} decides on. */
export interface AuthorizationRequest {
  /** The verified, frozen claims of the caller. */
  readonly claims: Readonly<JWTPayload>;
  /** The caller's security context (roles, scopes, groups). */
  readonly security: SecurityContext;
  /** The route the request was matched to: the one that will run. */
  readonly route: RouteDefinition;
  /** The route's path parameters, still as strings. */
  readonly params: Readonly<Record<string, string>>;
  /** The Koa context, for anything else (query, headers). */
  readonly ctx: Context;
}

/**
 * A named authorization rule for `@authorize(Policy)`, resolved from the
 * container (bound transient, a new instance per request, if the application
 * did not bind it). Return
 * `false` to answer 403; throw an `AuthError` or `HttpError` for another
 * answer. May be async, for ownership checks against a store.
 *
 * @example
 * ```ts
 * @injectable()
 * class OwnsNote implements AuthorizationPolicy {
 *   constructor(@inject(NoteStore) private readonly notes: NoteStore) {}
 *   async authorize({ claims, params }: AuthorizationRequest) {
 *     return (await this.notes.find(params.id))?.owner === claims.sub;
 *   }
 * }
 * ```
 */
export interface AuthorizationPolicy {
  authorize(request: AuthorizationRequest): boolean | Promise<boolean>;
}
