import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';

import { AuthError } from '../errors.js';

/** Trust the public keys of a local JSON Web Key Set. */
export interface LocalKeysOptions {
  readonly jwks: JSONWebKeySet;
}

/** Trust the keys served at a JWKS URL (https, or http on loopback only). */
export interface RemoteKeysOptions {
  readonly jwksUri: string;
  /** Abort a JWKS request after this long. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** Refetch on an unknown `kid` at most this often. Default 30000 ms. */
  readonly cooldownMs?: number;
  /** Refetch keys older than this. Default 600000 ms. */
  readonly cacheMaxAgeMs?: number;
}

/** Trust an HMAC secret. Needs `allowSymmetric: true` and HS* algorithms. */
export interface SecretKeyOptions {
  readonly secret: Uint8Array;
}

/** Where verification keys come from. */
export type KeySourceOptions = LocalKeysOptions | RemoteKeysOptions | SecretKeyOptions;

/** @internal Creates jose's key lookup for the configured source. */
export function createKeyLookup(keys: KeySourceOptions): JWTVerifyGetKey | Uint8Array {
  if ('secret' in keys) return keys.secret;

  if ('jwks' in keys) return createLocalJWKSet(keys.jwks);

  return createRemoteLookup(keys);
}

function createRemoteLookup(keys: RemoteKeysOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(keys.jwksUri), {
    timeoutDuration: keys.timeoutMs ?? 5000,
    cooldownDuration: keys.cooldownMs ?? 30_000,
    cacheMaxAge: keys.cacheMaxAgeMs ?? 600_000,
  });

  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      throw isKeyMiss(error)
        ? error
        : new AuthError('ERR_AUTH_KEYS_UNAVAILABLE', undefined, { cause: error });
    }
  };
}

function isKeyMiss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS';
}
