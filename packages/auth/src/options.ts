import { createPublicKey, KeyObject } from 'node:crypto';

import type { JSONWebKeySet, JWK } from 'jose';

import { AuthError } from './errors.js';
import type { FetchFunction } from './verification/fetch-json.js';
import type {
  KeySourceOptions,
  RemoteFetchOptions,
  ResolvedKeySource,
} from './verification/key-source.js';
import { isSecureKeyUrl } from './verification/key-url.js';
import type { VerificationPolicy } from './verification/token-verifier.js';
import type { TokenCacheOptions } from './verification/verified-token-cache.js';

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
  /** Required `typ` header, such as `at+jwt` (RFC 9068). Default: not checked. */
  readonly typ?: string;
  /** Claims that must be present besides `exp`. */
  readonly requiredClaims?: readonly string[];
  /** Dotted path of the claim the default role resolver reads. Default `roles`. */
  readonly roleClaim?: string;
  /** The `realm` of `WWW-Authenticate` challenges. Default `api`. */
  readonly realm?: string;
  /**
   * Unknown paths and wrong methods: `'authenticate'` (default) answers 401
   * without a valid token so callers cannot probe which paths exist;
   * `'not-found'` answers 404/405 to anyone.
   */
  readonly unknownRoutes?: 'authenticate' | 'not-found';
  /** Opt-in cache of verified tokens. Default: off. */
  readonly cache?: TokenCacheOptions;
  /**
   * Check each token's `jti` against the `REVOCATION_LIST` bound in the
   * container (an in-memory one is bound if none is). Default `false`.
   */
  readonly revocation?: boolean;
  /** The `fetch` used for JWKS and discovery requests. Default: the global one. */
  readonly fetch?: FetchFunction;
  /** Current time in ms, for `exp`/`nbf`/`iat`, caches and cooldowns. Default `Date.now`. */
  readonly clock?: () => number;
}

/** Options after validation and defaults. */
export interface ResolvedAuthenticationOptions extends VerificationPolicy {
  readonly keys: ResolvedKeySource;
  readonly roleClaim: string;
  readonly realm: string;
  readonly unknownRoutes: 'authenticate' | 'not-found';
  readonly cache: Required<TokenCacheOptions> | undefined;
  readonly revocation: boolean;
  readonly fetch: FetchFunction;
  readonly clock: () => number;
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
  const keys = resolveKeys(options.keys, algorithms, issuer);

  return {
    issuer,
    audience,
    algorithms,
    keys,
    clockToleranceSeconds: requireRange(
      options.clockToleranceSeconds ?? 5,
      'clockToleranceSeconds',
      0,
      300,
    ),
    maxTokenLength: requireRange(options.maxTokenLength ?? 8192, 'maxTokenLength', 64, 65_536),
    typ: resolveTyp(options.typ),
    requiredClaims: resolveRequiredClaims(options),
    roleClaim: requireText(options.roleClaim ?? 'roles', 'roleClaim'),
    realm: resolveRealm(options.realm),
    unknownRoutes: resolveUnknownRoutes(options.unknownRoutes),
    cache: resolveCache(options.cache),
    revocation: requireBoolean(options.revocation ?? false, 'revocation'),
    fetch: requireFunction(options.fetch ?? globalThis.fetch, 'fetch'),
    clock: requireFunction(options.clock ?? Date.now, 'clock'),
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
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`"${name}" must be a number from ${min} to ${max}, got ${String(value)}.`);
  }

  return value;
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0)
    fail(`"${name}" must be a non-empty string.`);

  return value;
}

function requireBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') fail(`"${name}" must be true or false.`);

  return value;
}

function requireFunction<T>(value: T, name: string): T {
  if (typeof value !== 'function') fail(`"${name}" must be a function.`);

  return value;
}

function resolveTyp(typ: string | undefined): string | undefined {
  return typ === undefined ? undefined : requireText(typ, 'typ');
}

function resolveRequiredClaims(options: AuthenticationOptions): string[] {
  const claims = [...(options.requiredClaims ?? [])];

  for (const claim of claims) requireText(claim, 'requiredClaims');

  // A revocation check needs a jti to look up; a token without one fails.
  if (options.revocation === true && !claims.includes('jti')) claims.push('jti');

  return claims;
}

function resolveUnknownRoutes(value: unknown): 'authenticate' | 'not-found' {
  const mode = value ?? 'authenticate';

  if (mode !== 'authenticate' && mode !== 'not-found') {
    fail('"unknownRoutes" must be "authenticate" or "not-found".');
  }

  return mode;
}

function resolveCache(
  cache: TokenCacheOptions | undefined,
): Required<TokenCacheOptions> | undefined {
  if (cache === undefined) return undefined;

  const maxEntries = requireRange(cache.maxEntries ?? 10_000, 'cache.maxEntries', 1, 1_000_000);
  const maxBytes = requireRange(
    cache.maxBytes ?? 16 * 1024 * 1024,
    'cache.maxBytes',
    1024,
    2 ** 31,
  );

  return { maxEntries: Math.floor(maxEntries), maxBytes: Math.floor(maxBytes) };
}

function resolveAlgorithms(options: AuthenticationOptions): string[] {
  const algorithms = [...(options.algorithms ?? deriveAlgorithms(options.keys))];

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

function resolveKeys(
  keys: KeySourceOptions,
  algorithms: readonly string[],
  issuers: readonly string[],
): ResolvedKeySource {
  // Checked at run time too: JavaScript callers and config files reach here unchecked.
  if (typeof (keys as unknown) !== 'object' || (keys as unknown) === null) {
    fail('"keys" is required: give "jwks", "publicKeys", "jwksUri", "discovery" or "secret".');
  }

  const isSecret = 'secret' in keys;
  const mismatch = algorithms.find((each) => SYMMETRIC.has(each) !== isSecret);

  if (mismatch !== undefined) {
    const wanted = isSecret ? 'HS256/384/512' : 'asymmetric algorithms';
    fail(`"algorithms" contains ${mismatch}, but these "keys" only work with ${wanted}.`);
  }

  if (isSecret) return { secret: assertSecret(keys.secret) };

  if ('jwks' in keys) return { jwks: assertLocalKeys(keys.jwks, algorithms, 'keys.jwks') };

  if ('publicKeys' in keys) {
    const jwks = convertPublicKeys(keys.publicKeys);
    return { jwks: assertLocalKeys(jwks, algorithms, 'keys.publicKeys'), ignoreKid: true };
  }

  if ('jwksUri' in keys) return { jwksUri: assertJwksUri(keys.jwksUri), ...resolveFetch(keys) };

  if ('discovery' in keys && (keys.discovery as unknown) === true) {
    return { discoveryIssuer: assertDiscoveryIssuer(issuers), ...resolveFetch(keys) };
  }

  fail('"keys" must have one of "jwks", "publicKeys", "jwksUri", "discovery: true" or "secret".');
}

function resolveFetch(keys: RemoteFetchOptions): Required<RemoteFetchOptions> {
  return {
    timeoutMs: requireRange(keys.timeoutMs ?? 5000, 'keys.timeoutMs', 1, 60_000),
    cooldownMs: requireRange(keys.cooldownMs ?? 30_000, 'keys.cooldownMs', 0, 3_600_000),
    cacheMaxAgeMs: requireRange(
      keys.cacheMaxAgeMs ?? 600_000,
      'keys.cacheMaxAgeMs',
      1000,
      86_400_000,
    ),
    maxResponseBytes: requireRange(
      keys.maxResponseBytes ?? 256 * 1024,
      'keys.maxResponseBytes',
      1024,
      16 * 1024 * 1024,
    ),
  };
}

function assertSecret(secret: unknown): Uint8Array {
  if (!(secret instanceof Uint8Array) || secret.length < 32) {
    fail('"keys.secret" must be a Uint8Array of at least 32 bytes.');
  }

  return secret;
}

function convertPublicKeys(keys: unknown): JSONWebKeySet {
  if (!Array.isArray(keys) || keys.length === 0) fail('"keys.publicKeys" has no keys.');

  return { keys: (keys as unknown[]).map(toPublicJwk) };
}

function toPublicJwk(key: unknown, index: number): JWK {
  const name = `"keys.publicKeys[${index}]"`;

  if (key instanceof KeyObject) {
    if (key.type !== 'public') fail(`${name} must be a public key, got a ${key.type} key.`);

    return key.export({ format: 'jwk' });
  }

  // A private key has no place in configuration that only needs to verify.
  if (typeof key !== 'string' || /PRIVATE KEY/.test(key)) {
    fail(`${name} must be a public key PEM (SPKI or certificate) or a public KeyObject.`);
  }

  try {
    return createPublicKey(key).export({ format: 'jwk' });
  } catch {
    fail(`${name} is not a readable public key PEM.`);
  }
}

interface KeyShape {
  readonly kty?: string;
  readonly crv?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly key_ops?: readonly string[];
}

// Members only private or secret JWKs carry (RFC 7518 sections 6.2.2, 6.3.2, 6.4).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const DEFAULT_ALGORITHMS = ['ES256', 'RS256'];

const ALGORITHM_BY_CURVE: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
  Ed25519: 'EdDSA',
};

/**
 * The allow-list when none is given: for a local JWKS, the algorithms its keys
 * declare or imply (an EC P-256 key gives ES256, an RSA key RS256); otherwise
 * ES256 and RS256. Never a symmetric one.
 */
function deriveAlgorithms(keys: KeySourceOptions | undefined): string[] {
  const listed = listLocalKeys(keys);

  if (!Array.isArray(listed)) return DEFAULT_ALGORITHMS;

  const derived = (listed as readonly KeyShape[]).map((key) => key.alg ?? impliedAlgorithm(key));
  const usable = derived.filter(
    (each): each is string => each !== undefined && ASYMMETRIC.has(each),
  );

  return usable.length > 0 ? [...new Set(usable)] : DEFAULT_ALGORITHMS;
}

/** The keys of a local JWKS or of `publicKeys`; `undefined` for remote sources. */
function listLocalKeys(keys: KeySourceOptions | undefined): unknown {
  const local = keys as { jwks?: { keys?: unknown }; publicKeys?: unknown } | undefined;

  if (local?.publicKeys === undefined) return local?.jwks?.keys;

  try {
    return convertPublicKeys(local.publicKeys).keys;
  } catch {
    // Bad keys are reported, naming the option, when the keys themselves are resolved.
    return undefined;
  }
}

function impliedAlgorithm(key: KeyShape): string | undefined {
  if (key.kty === 'RSA') return 'RS256';

  return key.crv === undefined ? undefined : ALGORITHM_BY_CURVE[key.crv];
}

function assertLocalKeys(
  jwks: unknown,
  algorithms: readonly string[],
  name: string,
): JSONWebKeySet {
  const value = (jwks as { keys?: unknown } | null)?.keys;

  if (!Array.isArray(value) || value.length === 0) fail(`"${name}" has no keys.`);

  const listed = value as readonly KeyShape[];

  if (listed.some((key) => PRIVATE_MEMBERS.some((member) => Object.hasOwn(key, member)))) {
    fail(`"${name}" contains a private or secret key; give public keys only.`);
  }

  // jose refuses RSA keys under 2048 bits; say so now rather than 401 every token.
  if (listed.some((key) => isShortRsaKey(key))) {
    fail(`"${name}" contains an RSA key shorter than 2048 bits.`);
  }

  // Encryption keys and keys not allowed to verify are left out, not trusted.
  const keys = listed.filter((key) => isVerificationKey(key));
  const unusable = algorithms.find((algorithm) => !keys.some((key) => fitsKey(algorithm, key)));

  if (unusable !== undefined) {
    fail(`"algorithms" contains ${unusable}, but no verification key in "${name}" can verify it.`);
  }

  return { keys: keys as JSONWebKeySet['keys'] };
}

function isShortRsaKey(key: KeyShape): boolean {
  const modulus = (key as { n?: unknown }).n;

  if (key.kty !== 'RSA' || typeof modulus !== 'string') return false;

  return Buffer.from(modulus, 'base64url').length * 8 < 2048;
}

function isVerificationKey(key: KeyShape): boolean {
  const canVerify = key.key_ops === undefined || key.key_ops.includes('verify');
  return (key.use === undefined || key.use === 'sig') && canVerify;
}

function fitsKey(algorithm: string, key: KeyShape): boolean {
  if (algorithm.startsWith('RS') || algorithm.startsWith('PS')) return key.kty === 'RSA';

  const curves: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  const curve = curves[algorithm];

  if (curve !== undefined) return key.kty === 'EC' && key.crv === curve;

  return key.kty === 'OKP' && key.crv === 'Ed25519';
}

function assertJwksUri(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    fail('"keys.jwksUri" is not a URL.');
  }

  const url = new URL(value);

  if (!isSecureKeyUrl(url)) {
    fail(`"keys.jwksUri" must use https (http only on loopback), got "${url.origin}".`);
  }

  return value;
}

function assertDiscoveryIssuer(issuers: readonly string[]): string {
  const issuer = issuers[0];

  if (issuers.length !== 1 || issuer === undefined) {
    fail('"keys.discovery" needs exactly one "issuer" to discover.');
  }

  if (!URL.canParse(issuer) || !isSecureKeyUrl(new URL(issuer))) {
    fail('"issuer" must be an https URL (http only on loopback) for "keys.discovery".');
  }

  return issuer;
}

function resolveRealm(realm: string | undefined): string {
  const value = realm ?? 'api';

  // The realm is sent inside a quoted string; quotes or backslashes would break it.
  if (!/^[\x20-\x7e]+$/.test(value) || /["\\]/.test(value)) {
    fail('"realm" must be printable ASCII without quotes or backslashes.');
  }

  return value;
}
