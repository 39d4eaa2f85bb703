import { jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyOptions } from 'jose';

import { AuthError, type AuthErrorCode } from '../errors.js';
import { freezeClaims } from '../security-context.js';
import type { KeySource } from './key-source.js';
import type { VerifiedTokenCache } from './verified-token-cache.js';

/** The checks a token must pass, already validated. */
export interface VerificationPolicy {
  readonly issuer: readonly string[];
  readonly audience: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  readonly maxTokenLength: number;
  readonly typ: string | undefined;
  readonly requiredClaims: readonly string[];
}

/** What a {@link TokenVerifier} works with besides its policy. */
export interface TokenVerifierParts {
  readonly keys: KeySource;
  readonly clock: () => number;
  readonly cache: VerifiedTokenCache | undefined;
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
  readonly #parts: TokenVerifierParts;
  readonly #options: JWTVerifyOptions;

  constructor(policy: VerificationPolicy, parts: TokenVerifierParts) {
    this.#policy = policy;
    this.#parts = parts;
    this.#options = {
      issuer: [...policy.issuer],
      audience: [...policy.audience],
      algorithms: [...policy.algorithms],
      clockTolerance: policy.clockToleranceSeconds,
      requiredClaims: ['exp', ...policy.requiredClaims],
      ...(policy.typ === undefined ? {} : { typ: policy.typ }),
    };
  }

  /**
   * @returns the verified claims
   * @throws AuthError with a reason code such as `ERR_AUTH_TOKEN_EXPIRED`,
   *   or `ERR_AUTH_KEYS_UNAVAILABLE` when remote keys cannot be fetched
   */
  async verify(token: string): Promise<JWTPayload> {
    this.#assertShape(token);

    const { keys, clock, cache } = this.#parts;
    const now = clock();
    const cached = cache?.get(token, now, keys.generation());

    if (cached !== undefined) return cached;

    const payload = freezeClaims(await this.#verifyWithJose(token, now));
    const toleranceMs = this.#policy.clockToleranceSeconds * 1000;

    cache?.set(token, payload, keys.generation(), toleranceMs);
    return payload;
  }

  #assertShape(token: string): void {
    if (token.length > this.#policy.maxTokenLength) {
      throw new AuthError('ERR_AUTH_TOKEN_TOO_LARGE');
    }

    if (!COMPACT_JWS.test(token)) throw new AuthError('ERR_AUTH_TOKEN_MALFORMED');
  }

  async #verifyWithJose(token: string, now: number): Promise<JWTPayload> {
    const options = { ...this.#options, currentDate: new Date(now) };
    const key = this.#parts.keys.key;
    let payload: JWTPayload;

    try {
      const result =
        key instanceof Uint8Array
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options).catch((error: unknown) =>
              tryEachCandidate(token, error, options),
            );
      payload = result.payload;
    } catch (error) {
      throw toAuthError(error);
    }

    this.#assertIssuedInPast(payload, now);
    assertStringClaims(payload);
    return payload;
  }

  // jose checks `iat` only with maxTokenAge; a token from the future is refused here.
  #assertIssuedInPast(payload: JWTPayload, now: number): void {
    const toleranceMs = this.#policy.clockToleranceSeconds * 1000;

    if (typeof payload.iat === 'number' && payload.iat * 1000 > now + toleranceMs) {
      throw new AuthError('ERR_AUTH_TOKEN_NOT_YET_VALID');
    }
  }
}

// RFC 7519 makes `sub` and `jti` strings; code compares them as such (owners, denylists).
function assertStringClaims(payload: JWTPayload): void {
  for (const name of ['sub', 'jti'] as const) {
    const value: unknown = payload[name];

    if (value !== undefined && typeof value !== 'string') {
      throw new AuthError('ERR_AUTH_TOKEN_CLAIMS', `The "${name}" claim is not a string.`);
    }
  }
}

// Most keys tried when several trusted keys fit a token without a usable kid.
const MAX_CANDIDATES = 8;

/**
 * jose reports several fitting keys (same type, no distinguishing kid) as
 * ERR_JWKS_MULTIPLE_MATCHING_KEYS with the candidates attached; try each.
 */
async function tryEachCandidate(token: string, error: unknown, options: JWTVerifyOptions) {
  const candidates = (error as Partial<AsyncIterable<CryptoKey>> | null)?.[Symbol.asyncIterator];
  const isMultiple = (error as { code?: unknown }).code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS';

  if (!isMultiple || candidates === undefined) throw error;

  let tried = 0;
  let last: unknown = error;

  for await (const candidate of error as AsyncIterable<CryptoKey>) {
    if (++tried > MAX_CANDIDATES) break;

    try {
      return await jwtVerify(token, candidate, options);
    } catch (failure) {
      last = failure;
    }
  }

  throw last;
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;

  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  const reason = typeof code === 'string' ? JOSE_REASONS[code] : undefined;
  const notYetValid = reason === 'ERR_AUTH_TOKEN_CLAIMS' && claim === 'nbf';
  const resolved = notYetValid ? 'ERR_AUTH_TOKEN_NOT_YET_VALID' : reason;

  return new AuthError(resolved ?? 'ERR_AUTH_TOKEN_MALFORMED', undefined, { cause: error });
}
