import type { JWTPayload } from 'jose';
import { createContextKey, RequestContext } from '@portico/core';

import { createChallengeError } from './challenge.js';
import { AuthError } from './errors.js';

/** What a verified token established about the caller. */
export interface SecurityState {
  readonly claims: Readonly<JWTPayload> | undefined;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  readonly groups: readonly string[];
  /** The realm of the authentication that established the state, for challenges. */
  readonly realm?: string;
}

const ANONYMOUS: SecurityState = Object.freeze({
  claims: undefined,
  roles: Object.freeze([]),
  scopes: Object.freeze([]),
  groups: Object.freeze([]),
});

/** @internal The request slot that holds the caller's state. */
export const SECURITY_STATE = createContextKey<SecurityState>('auth:security-state');

/**
 * The caller of the current request: its claims, roles, scopes and groups.
 * Immutable. On `@allowAnonymous` routes, and without a token on
 * `@optionalAuth` routes, it is empty.
 *
 * Read it with `SecurityContext.current()` anywhere inside a request, or
 * inject `SecurityContext` from the container: the injected instance always
 * reads the request in progress, so even a singleton never holds on to
 * another request's caller.
 *
 * @example
 * ```ts
 * const caller = SecurityContext.current();
 * caller.requireRole('admin');
 * return { sub: caller.subject };
 * ```
 */
export class SecurityContext {
  readonly #read: () => SecurityState;

  /** @internal Use {@link SecurityContext.current} or inject it. */
  constructor(read: () => SecurityState) {
    this.#read = read;
    Object.freeze(this);
  }

  /**
   * The security context of the request in progress.
   *
   * @throws AuthError `ERR_AUTH_NO_REQUEST` outside of an HTTP request
   */
  static current(): SecurityContext {
    const state = readCurrentState();
    return new SecurityContext(() => state);
  }

  /** Whether a valid token identified the caller. */
  get isAuthenticated(): boolean {
    return this.#read().claims !== undefined;
  }

  /** The token's `sub` claim, if any. */
  get subject(): string | undefined {
    return this.#read().claims?.sub;
  }

  /** The verified claims; an empty object for an anonymous caller. */
  get claims(): Readonly<JWTPayload> {
    return this.#read().claims ?? {};
  }

  /** The caller's roles, as the role resolver computed them. */
  get roles(): readonly string[] {
    return this.#read().roles;
  }

  /** The scopes of the token's `scope` or `scp` claim. */
  get scopes(): readonly string[] {
    return this.#read().scopes;
  }

  /** The groups of the token's `groups` claim. */
  get groups(): readonly string[] {
    return this.#read().groups;
  }

  /** Whether the caller has any one of `roles`. */
  hasRole(...roles: readonly string[]): boolean {
    return roles.some((role) => this.roles.includes(role));
  }

  /** Whether the token grants any one of `scopes`. */
  hasScope(...scopes: readonly string[]): boolean {
    return scopes.some((scope) => this.scopes.includes(scope));
  }

  /** Whether the caller is in any one of `groups`. */
  hasGroup(...groups: readonly string[]): boolean {
    return groups.some((group) => this.groups.includes(group));
  }

  /**
   * Asserts that the caller is authenticated.
   *
   * @throws AuthError `ERR_AUTH_TOKEN_MISSING` (401) for an anonymous caller
   */
  requireAuthenticated(): void {
    if (!this.isAuthenticated) {
      throw createChallengeError('ERR_AUTH_TOKEN_MISSING', this.#read().realm);
    }
  }

  /**
   * Asserts that the caller has any one of `roles`.
   *
   * @throws AuthError 401 when anonymous, `ERR_AUTH_FORBIDDEN` (403) otherwise
   */
  requireRole(...roles: readonly string[]): void {
    this.#require(this.hasRole(...roles));
  }

  /** Asserts that the token grants any one of `scopes` (401 or 403). */
  requireScope(...scopes: readonly string[]): void {
    this.#require(this.hasScope(...scopes));
  }

  /** Asserts that the caller is in any one of `groups` (401 or 403). */
  requireGroup(...groups: readonly string[]): void {
    this.#require(this.hasGroup(...groups));
  }

  /**
   * Returns a claim that must be present.
   *
   * @throws AuthError 401 when anonymous, 403 when the claim is absent
   */
  requireClaim(name: string): unknown {
    const value = this.claims[name];
    this.#require(value !== undefined);
    return value;
  }

  #require(condition: boolean): void {
    this.requireAuthenticated();

    if (!condition) throw createChallengeError('ERR_AUTH_FORBIDDEN', this.#read().realm);
  }
}

/** @internal The caller state of the request in progress. */
export function readCurrentState(): SecurityState {
  const request = RequestContext.tryCurrent();

  if (request === undefined) {
    const message = 'SecurityContext was read outside of an HTTP request.';
    throw new AuthError('ERR_AUTH_NO_REQUEST', message);
  }

  return request.get(SECURITY_STATE) ?? ANONYMOUS;
}

/**
 * @internal Freezes claims deeply so nothing downstream can alter them. jose
 * parses a fresh object for every verification and the token cache only ever
 * holds frozen ones, so freezing in place leaves no mutable alias behind.
 */
export function freezeClaims(claims: JWTPayload): Readonly<JWTPayload> {
  return Object.isFrozen(claims) ? claims : deepFreeze(claims);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const each of Object.values(value) as unknown[]) deepFreeze(each);
    Object.freeze(value);
  }

  return value;
}
