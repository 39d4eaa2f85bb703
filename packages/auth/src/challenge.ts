import { AuthError, type AuthErrorCode } from './errors.js';

/** The RFC 6750 error attribute of a challenge, if the failure has one. */
type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** The codes that answer with a `WWW-Authenticate` challenge. */
export type ChallengeCode = Extract<
  AuthErrorCode,
  | 'ERR_AUTH_TOKEN_MISSING'
  | 'ERR_AUTH_TOKEN_INVALID'
  | 'ERR_AUTH_INVALID_REQUEST'
  | 'ERR_AUTH_FORBIDDEN'
>;

/** What a challenge says besides its error. */
export interface ChallengeOptions {
  /** The precise reason, kept for the debug log and never sent. */
  readonly cause?: unknown;
  /** Scopes that would have satisfied the route, for `scope="…"` on a 403. */
  readonly scopes?: readonly string[];
}

const BEARER_ERRORS: Readonly<Record<ChallengeCode, BearerError | undefined>> = {
  ERR_AUTH_TOKEN_MISSING: undefined,
  ERR_AUTH_TOKEN_INVALID: 'invalid_token',
  ERR_AUTH_INVALID_REQUEST: 'invalid_request',
  ERR_AUTH_FORBIDDEN: 'insufficient_scope',
};

/**
 * Builds the error sent to the client: the public code only, with a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3). The precise
 * reason stays in `cause` for the debug log.
 */
export function createChallengeError(
  code: ChallengeCode,
  realm: string | undefined,
  options: ChallengeOptions = {},
): AuthError {
  const challenge = formatChallenge(realm, BEARER_ERRORS[code], options.scopes ?? []);
  const headers = { 'WWW-Authenticate': challenge };

  return new AuthError(code, undefined, { headers, cause: options.cause });
}

function formatChallenge(
  realm: string | undefined,
  error: BearerError | undefined,
  scopes: readonly string[],
): string {
  // The realm is optional in RFC 6750; it is known once a token was verified.
  const parts = realm === undefined ? [] : [`realm="${realm}"`];

  if (error !== undefined) parts.push(`error="${error}"`);

  // Scope tokens are %x21 / %x23-5B / %x5D-7E (RFC 6749 section 3.3): safe to quote.
  const quotable = scopes.filter((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope));

  if (quotable.length > 0) parts.push(`scope="${quotable.join(' ')}"`);

  return parts.length === 0 ? 'Bearer' : `Bearer ${parts.join(', ')}`;
}
