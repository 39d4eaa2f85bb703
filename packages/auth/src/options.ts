import { isIP } from 'node:net';

import { AuthError } from './errors.js';
import type { KeySourceOptions } from './verification/key-source.js';
import type { VerificationPolicy } from './verification/token-verifier.js';

/** Options of {@link authentication}. */
export interface AuthenticationOptions {
  /** Accepted `iss` values. Required. */
  readonly issuer: string | readonly string[];
  /** Accepted `aud` values; the token must name one. Required. */
  readonly audience: string | readonly string[];
  /** Where the verification keys come from. Required. */
  readonly keys: KeySourceOptions;
  /** The algorithm allow-list. Default `['ES256', 'RS256']`; HS* needs `allowSymmetric`. */
  readonly algorithms?: readonly string[];
  /** Opt-in for HS256/384/512 with `keys.secret`. Default `false`. */
  readonly allowSymmetric?: boolean;
  /** Leeway for `exp`, `nbf` and `iat`. Default 5 seconds, at most 300. */
  readonly clockToleranceSeconds?: number;
  /** Longest accepted token, checked before parsing. Default 8192 characters. */
  readonly maxTokenLength?: number;
  /** Required `typ` header, such as `at+jwt`. Default: not checked. */
  readonly typ?: string;
  /** Claims that must be present besides `exp`. */
  readonly requiredClaims?: readonly string[];
  /** Dotted path of the claim the default role resolver reads. Default `roles`. */
  readonly roleClaim?: string;
  /** The `realm` of `WWW-Authenticate` challenges. Default `api`. */
  readonly realm?: string;
}

/** Options after validation and defaults. */
export interface ResolvedAuthenticationOptions extends VerificationPolicy {
  readonly keys: KeySourceOptions;
  readonly roleClaim: string;
  readonly realm: string;
}

const ASYMMETRIC = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);
const SYMMETRIC = new Set(['HS256', 'HS384', 'HS512']);

function fail(message: string): never {
  throw new AuthError('ERR_AUTH_INVALID_OPTIONS', `authentication(): ${message}`);
}

/**
 * Validates options and applies defaults, so that misconfiguration stops the
 * application at start-up.
 *
 * @throws AuthError `ERR_AUTH_INVALID_OPTIONS` naming the bad option
 */
export function resolveOptions(options: AuthenticationOptions): ResolvedAuthenticationOptions {
  const issuer = requireNames(options.issuer, 'issuer');
  const audience = requireNames(options.audience, 'audience');
  const algorithms = resolveAlgorithms(options);

  assertKeysFit(options.keys, algorithms);

  return {
    issuer,
    audience,
    algorithms,
    keys: options.keys,
    clockToleranceSeconds: requireRange(
      options.clockToleranceSeconds ?? 5,
      'clockToleranceSeconds',
      0,
      300,
    ),
    maxTokenLength: requireRange(options.maxTokenLength ?? 8192, 'maxTokenLength', 64, 65_536),
    typ: options.typ,
    requiredClaims: [...(options.requiredClaims ?? [])],
    roleClaim: options.roleClaim ?? 'roles',
    realm: resolveRealm(options.realm),
  };
}

function requireNames(value: string | readonly string[] | undefined, name: string): string[] {
  const names = typeof value === 'string' ? [value] : [...(value ?? [])];

  if (names.length === 0 || names.some((each) => typeof each !== 'string' || each.length === 0)) {
    fail(`"${name}" must be a non-empty string or a list of them.`);
  }

  return names;
}

function requireRange(value: number, name: string, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(`"${name}" must be a number from ${min} to ${max}, got ${value}.`);
  }

  return value;
}

function resolveAlgorithms(options: AuthenticationOptions): string[] {
  const algorithms = [...(options.algorithms ?? ['ES256', 'RS256'])];

  if (algorithms.length === 0) fail('"algorithms" must list at least one algorithm.');

  for (const algorithm of algorithms) {
    if (SYMMETRIC.has(algorithm) && options.allowSymmetric !== true) {
      fail(`"algorithms" contains ${algorithm}; symmetric algorithms need "allowSymmetric: true".`);
    }

    if (!SYMMETRIC.has(algorithm) && !ASYMMETRIC.has(algorithm)) {
      fail(`"algorithms" contains "${algorithm}", which is not a supported JWS algorithm.`);
    }
  }

  return algorithms;
}

function assertKeysFit(keys: KeySourceOptions | undefined, algorithms: readonly string[]): void {
  if (keys === undefined) fail('"keys" is required: give "jwks", "jwksUri" or "secret".');

  const isSecret = 'secret' in keys;
  const mismatch = algorithms.find((each) => SYMMETRIC.has(each) !== isSecret);

  if (mismatch !== undefined) {
    const wanted = isSecret ? 'HS256/384/512' : 'asymmetric algorithms';
    fail(`"algorithms" contains ${mismatch}, but these "keys" only work with ${wanted}.`);
  }

  if (isSecret) assertSecret(keys.secret);
  else if ('jwks' in keys) assertLocalKeys(keys.jwks.keys, algorithms);
  else assertJwksUri(keys.jwksUri);
}

function assertSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length < 32) {
    fail('"keys.secret" must be a Uint8Array of at least 32 bytes.');
  }
}

interface KeyShape {
  readonly kty?: string;
  readonly crv?: string;
}

function assertLocalKeys(value: unknown, algorithms: readonly string[]): void {
  if (!Array.isArray(value) || value.length === 0) fail('"keys.jwks" has no keys.');

  const keys = value as readonly KeyShape[];

  const unusable = algorithms.find((algorithm) => !keys.some((key) => fitsKey(algorithm, key)));

  if (unusable !== undefined) {
    fail(`"algorithms" contains ${unusable}, but no key in "keys.jwks" can verify it.`);
  }
}

function fitsKey(algorithm: string, key: KeyShape): boolean {
  if (algorithm.startsWith('RS') || algorithm.startsWith('PS')) return key.kty === 'RSA';

  const curves: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  const curve = curves[algorithm];

  if (curve !== undefined) return key.kty === 'EC' && key.crv === curve;

  return key.kty === 'OKP' && key.crv === 'Ed25519';
}

function assertJwksUri(value: string): void {
  let url: URL;

  try {
    url = new URL(value);
  } catch {
    fail(`"keys.jwksUri" is not a URL: "${value}".`);
  }

  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    fail(`"keys.jwksUri" must use https (http only on loopback), got "${url.origin}".`);
  }
}

/** Whether `hostname` names this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');

  if (bare === 'localhost' || bare === '::1') return true;

  return isIP(bare) === 4 && bare.startsWith('127.');
}

function resolveRealm(realm: string | undefined): string {
  const value = realm ?? 'api';

  // The realm is sent inside a quoted string; quotes or backslashes would break it.
  if (!/^[\x20-\x7e]+$/.test(value) || /["\\]/.test(value)) {
    fail('"realm" must be printable ASCII without quotes or backslashes.');
  }

  return value;
}
