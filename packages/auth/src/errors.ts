import { HttpError, type HttpErrorOptions } from '@portico/core';

/**
 * Every error code `@portico/auth` can produce. Codes are public API: never
 * renamed or reused; retired ones move to {@link RETIRED_AUTH_ERROR_CODES}.
 *
 * Only the codes marked "response" ever reach a client. The others name the
 * reason a token failed; they are logged at debug level and kept as `cause`.
 */
export const AUTH_ERROR_CODES = {
  // response: 401 without credentials
  ERR_AUTH_TOKEN_MISSING: 'A bearer token is required.',
  // response: 401 for every reason a token fails
  ERR_AUTH_TOKEN_INVALID: 'The bearer token is not valid.',
  // response: 400 for an ambiguous Authorization header
  ERR_AUTH_INVALID_REQUEST: 'The request carries its credentials in an ambiguous way.',
  // response: 403
  ERR_AUTH_FORBIDDEN: 'The caller lacks a required role, scope, group or policy.',
  // response: 503 when keys cannot be fetched
  ERR_AUTH_KEYS_UNAVAILABLE: 'The keys needed to verify the token are unavailable.',
  // response: 503 when the revocation list cannot be read (fails closed)
  ERR_AUTH_REVOCATION_UNAVAILABLE: 'The token revocation list cannot be checked.',
  // reasons, logged only
  ERR_AUTH_TOKEN_MALFORMED: 'The token is not a well-formed compact JWS.',
  ERR_AUTH_TOKEN_TOO_LARGE: 'The token is longer than the configured maximum.',
  ERR_AUTH_TOKEN_EXPIRED: 'The token has expired.',
  ERR_AUTH_TOKEN_NOT_YET_VALID: 'The token is not valid yet.',
  ERR_AUTH_TOKEN_SIGNATURE: 'The token signature does not verify.',
  ERR_AUTH_TOKEN_ALGORITHM: 'The token uses an algorithm outside the allow-list.',
  ERR_AUTH_TOKEN_CLAIMS: 'A token claim (issuer, audience, type, required claim) is wrong.',
  ERR_AUTH_TOKEN_KEY_NOT_FOUND: 'No trusted key matches the token.',
  ERR_AUTH_TOKEN_REVOKED: 'The token has been revoked.',
  // developer errors
  ERR_AUTH_INVALID_OPTIONS: 'The authentication options are invalid.',
  ERR_AUTH_INVALID_DEFINITION: 'Auth decorators on a route contradict each other.',
  ERR_AUTH_NO_REQUEST: 'The security context was read outside of an HTTP request.',
} as const;

/** Codes once produced and never again. None yet. */
export const RETIRED_AUTH_ERROR_CODES: Readonly<Record<string, string>> = {};

/** The union of every live auth error code. */
export type AuthErrorCode = keyof typeof AUTH_ERROR_CODES;

const STATUS: Partial<Record<AuthErrorCode, number>> = {
  ERR_AUTH_INVALID_REQUEST: 400,
  ERR_AUTH_FORBIDDEN: 403,
  ERR_AUTH_KEYS_UNAVAILABLE: 503,
  ERR_AUTH_REVOCATION_UNAVAILABLE: 503,
  ERR_AUTH_INVALID_OPTIONS: 500,
  ERR_AUTH_INVALID_DEFINITION: 500,
  ERR_AUTH_NO_REQUEST: 500,
};

/**
 * The one error class of `@portico/auth`. Token failures are 401, missing
 * authorization 403, key outages 503; developer mistakes are 500s that never
 * reach a client.
 *
 * @example
 * ```ts
 * if (error instanceof AuthError && error.code === 'ERR_AUTH_TOKEN_EXPIRED') { … }
 * ```
 */
export class AuthError extends HttpError {
  declare readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message?: string, options: HttpErrorOptions = {}) {
    super(STATUS[code] ?? 401, code, message ?? AUTH_ERROR_CODES[code], options);
  }
}
