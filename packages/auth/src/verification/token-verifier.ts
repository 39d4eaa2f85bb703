import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

import { AuthError, type AuthErrorCode } from '../errors.js';

/** The checks a token must pass, already validated. */
export interface VerificationPolicy {
  readonly issuer: string | readonly string[];
  readonly audience: string | readonly string[];
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  readonly maxTokenLength: number;
  readonly typ: string | undefined;
  readonly requiredClaims: readonly string[];
}

// Three base64url segments; checked before jose parses anything.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const JOSE_REASONS: Readonly<Record<string, AuthErrorCode>> = {
  ERR_JWT_EXPIRED: 'ERR_AUTH_TOKEN_EXPIRED',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'ERR_AUTH_TOKEN_SIGNATURE',
  ERR_JOSE_ALG_NOT_ALLOWED: 'ERR_AUTH_TOKEN_ALGORITHM',
  ERR_JWKS_NO_MATCHING_KEY: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'ERR_AUTH_TOKEN_CLAIMS',
};

/**
 * Verifies compact JWS access tokens with jose against one policy and one key
 * source. Every failure is an {@link AuthError} whose code names the reason;
 * the original jose error is its `cause`.
 */
export class TokenVerifier {
  readonly #policy: VerificationPolicy;
  readonly #keys: JWTVerifyGetKey | Uint8Array;

  constructor(policy: VerificationPolicy, keys: JWTVerifyGetKey | Uint8Array) {
    this.#policy = policy;
    this.#keys = keys;
  }

  /**
   * @returns the verified claims
   * @throws AuthError with a reason code such as `ERR_AUTH_TOKEN_EXPIRED`,
   *   or `ERR_AUTH_KEYS_UNAVAILABLE` when remote keys cannot be fetched
   */
  async verify(token: string): Promise<JWTPayload> {
    this.#assertShape(token);

    try {
      const { payload } = await this.#callJose(token);
      return payload;
    } catch (error) {
      throw toAuthError(error);
    }
  }

  #assertShape(token: string): void {
    if (token.length > this.#policy.maxTokenLength) {
      throw new AuthError('ERR_AUTH_TOKEN_TOO_LARGE');
    }

    if (!COMPACT_JWS.test(token)) throw new AuthError('ERR_AUTH_TOKEN_MALFORMED');
  }

  #callJose(token: string) {
    const policy = this.#policy;
    const options = {
      issuer: policy.issuer as string | string[],
      audience: policy.audience as string | string[],
      algorithms: [...policy.algorithms],
      clockTolerance: policy.clockToleranceSeconds,
      requiredClaims: ['exp', ...policy.requiredClaims],
      ...(policy.typ === undefined ? {} : { typ: policy.typ }),
    };
    const keys = this.#keys;

    return keys instanceof Uint8Array
      ? jwtVerify(token, keys, options)
      : jwtVerify(token, keys, options);
  }
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;

  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  const reason = typeof code === 'string' ? JOSE_REASONS[code] : undefined;
  const notYetValid = reason === 'ERR_AUTH_TOKEN_CLAIMS' && claim === 'nbf';

  return new AuthError(
    notYetValid ? 'ERR_AUTH_TOKEN_NOT_YET_VALID' : (reason ?? 'ERR_AUTH_TOKEN_MALFORMED'),
    undefined,
    {
      cause: error,
    },
  );
}
