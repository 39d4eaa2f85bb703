import type { KeyObject } from 'node:crypto';

import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey, type CryptoKey } from 'jose';

import { createDiscoveryLocator } from './discovery.js';
import type { FetchFunction, FetchJsonOptions } from './fetch-json.js';
import { RemoteKeySet } from './remote-key-set.js';

/** Trust the public keys of a local JSON Web Key Set. */
export interface LocalKeysOptions {
  readonly jwks: JSONWebKeySet;
}

/** Trust public keys given as PEM strings (SPKI or X.509) or `KeyObject`s. */
export interface PublicKeysOptions {
  readonly publicKeys: readonly (string | KeyObject)[];
}

/** How remote keys are fetched and cached. Every field has a default. */
export interface RemoteFetchOptions {
  /** Abort a key request after this long. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** Refetch on an unknown `kid` at most this often. Default 30000 ms. */
  readonly cooldownMs?: number;
  /** Refresh keys older than this (kept if the refresh fails). Default 600000 ms. */
  readonly cacheMaxAgeMs?: number;
  /** Largest accepted key document. Default 262144 bytes. */
  readonly maxResponseBytes?: number;
}

/** Trust the keys served at a JWKS URL (https, or http on loopback only). */
export interface RemoteKeysOptions extends RemoteFetchOptions {
  readonly jwksUri: string;
}

/**
 * Trust the keys named by the issuer's OpenID discovery document, read from
 * `${issuer}/.well-known/openid-configuration`. Needs exactly one issuer.
 */
export interface DiscoveryKeysOptions extends RemoteFetchOptions {
  readonly discovery: true;
}

/** Trust an HMAC secret. Needs `allowSymmetric: true` and HS* algorithms. */
export interface SecretKeyOptions {
  readonly secret: Uint8Array;
}

/** Where verification keys come from. */
export type KeySourceOptions =
  | LocalKeysOptions
  | PublicKeysOptions
  | RemoteKeysOptions
  | DiscoveryKeysOptions
  | SecretKeyOptions;

/** @internal Validated key options: PEM and KeyObject keys already turned into a JWKS. */
export type ResolvedKeySource =
  | (LocalKeysOptions & { readonly ignoreKid?: boolean })
  | SecretKeyOptions
  | (Required<RemoteFetchOptions> & { readonly jwksUri: string })
  | (Required<RemoteFetchOptions> & { readonly discoveryIssuer: string });

/** @internal What the verifier gets: a key lookup and a counter of key-set changes. */
export interface KeySource {
  readonly key: JWTVerifyGetKey | Uint8Array;
  /** Changes when the trusted keys change, which invalidates cached verifications. */
  readonly generation: () => number;
}

/** @internal Runtime dependencies of remote key sources. */
export interface KeySourceRuntime {
  readonly fetch: FetchFunction;
  readonly clock: () => number;
}

/** @internal Builds the key lookup for the configured source. */
export function createKeySource(keys: ResolvedKeySource, runtime: KeySourceRuntime): KeySource {
  if ('secret' in keys) return { key: createSecretLookup(keys.secret), generation: () => 0 };

  if ('jwks' in keys) return { key: createLocalLookup(keys), generation: () => 0 };

  const limits: FetchJsonOptions = {
    fetch: runtime.fetch,
    timeoutMs: keys.timeoutMs,
    maxResponseBytes: keys.maxResponseBytes,
  };
  const locate =
    'jwksUri' in keys
      ? () => Promise.resolve(new URL(keys.jwksUri))
      : createDiscoveryLocator(keys.discoveryIssuer, limits);
  const remote = new RemoteKeySet({ ...limits, ...keys, locate, clock: runtime.clock });

  return { key: remote.getKey, generation: () => remote.generation };
}

function createLocalLookup(keys: LocalKeysOptions & { readonly ignoreKid?: boolean }) {
  const local = createLocalJWKSet(keys.jwks);

  if (keys.ignoreKid !== true) return local;

  // PEM and KeyObject keys have no kid, so a token's kid cannot select among them.
  const lookup: JWTVerifyGetKey = (header, token) => {
    const withoutKid = { ...header };
    delete withoutKid.kid;
    return local(withoutKid, token);
  };
  return lookup;
}

const HMAC_HASHES: Readonly<Record<string, string>> = {
  HS256: 'SHA-256',
  HS384: 'SHA-384',
  HS512: 'SHA-512',
};

/**
 * Imports the HMAC secret once per algorithm. Handing jose the raw bytes
 * would make it import them again for every token, a tenth of the CPU of an
 * HS256 route.
 */
function createSecretLookup(secret: Uint8Array): JWTVerifyGetKey {
  const imported = new Map<string, Promise<CryptoKey>>();

  return (header) => {
    const hash = HMAC_HASHES[header.alg];

    // Any other algorithm is refused by the allow-list before a key is used.
    if (hash === undefined) return secret;

    let key = imported.get(header.alg);

    if (key === undefined) {
      const algorithm = { name: 'HMAC', hash };
      key = crypto.subtle.importKey('raw', secret, algorithm, false, ['verify']);
      imported.set(header.alg, key);
    }

    return key;
  };
}
