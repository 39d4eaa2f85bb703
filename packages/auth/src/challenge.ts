import { AuthError, type AuthErrorCode } from './errors.js';

/** The RFC 6750 error attribute of a challenge, if the failure has one. */
type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * Builds the error sent to the client: the public code only, with a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3). The precise
 * reason stays in `cause` for the debug log.
 */
export function createChallengeError(
  code: Extract<
    AuthErrorCode,
    | 'ERR_AUTH_TOKEN_MISSING'
    | 'ERR_AUTH_TOKEN_INVALID'
    | 'ERR_AUTH_INVALID_REQUEST'
    | 'ERR_AUTH_FORBIDDEN'
  >,
  realm: string,
  cause?: unknown,
): AuthError {
  const challenge = formatChallenge(realm, BEARER_ERRORS[code]);
  const headers = { 'WWW-Authenticate': challenge };

  return new AuthError(code, undefined, { headers, cause });
}

const BEARER_ERRORS: Readonly<Record<string, BearerError | undefined>> = {
  ERR_AUTH_TOKEN_MISSING: undefined,
  ERR_AUTH_TOKEN_INVALID: 'invalid_token',
  ERR_AUTH_INVALID_REQUEST: 'invalid_request',
  ERR_AUTH_FORBIDDEN: 'insufficient_scope',
};

function formatChallenge(realm: string, error: BearerError | undefined): string {
  const base = `Bearer realm="${realm}"`;
  return error === undefined ? base : `${base}, error="${error}"`;
}
