import {
  createLocalJWKSet,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type JWSHeaderParameters,
  type FlattenedJWSInput,
} from 'jose';

import { AuthError } from '../errors.js';
import { fetchJson, type FetchJsonOptions } from './fetch-json.js';

/** How a {@link RemoteKeySet} fetches and caches. */
export interface RemoteKeySetOptions extends FetchJsonOptions {
  /** Returns the JWKS URL (fixed, or read from a discovery document). */
  readonly locate: () => Promise<URL>;
  /** Least time between two fetches, in ms. */
  readonly cooldownMs: number;
  /** Age after which cached keys are refreshed, in ms. */
  readonly cacheMaxAgeMs: number;
  /** Current time in ms. */
  readonly clock: () => number;
}

type KeyLookup = ReturnType<typeof createLocalJWKSet>;

/**
 * A remote JSON Web Key Set, built on jose's local key set over the fetched
 * document. It fetches lazily and caches; an unknown `kid` refreshes it at
 * most once per cooldown, with one request in flight however many callers
 * wait. When the endpoint fails, cached keys keep working (stale-if-error,
 * even past their maximum age) and tokens that need a fetch get
 * `ERR_AUTH_KEYS_UNAVAILABLE` (503).
 */
export class RemoteKeySet {
  readonly #options: RemoteKeySetOptions;
  #lookup: KeyLookup | undefined;
  #document = '';
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #lastAttemptFailed = false;
  #inFlight: Promise<void> | undefined;
  #generation = 0;

  constructor(options: RemoteKeySetOptions) {
    this.#options = options;
  }

  /** Changes whenever a fetch brings a different set of keys. */
  get generation(): number {
    return this.#generation;
  }

  /** The key lookup for jose's `jwtVerify`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    await this.#ensureLoaded();

    try {
      return await this.#find(header, token);
    } catch (error) {
      if (!isKeyMiss(error)) throw error;

      await this.#refreshForUnknownKey(error);
      return this.#find(header, token);
    }
  };

  #find(header: JWSHeaderParameters, token: FlattenedJWSInput) {
    const lookup = this.#lookup;

    if (lookup === undefined) throw new AuthError('ERR_AUTH_KEYS_UNAVAILABLE');

    return lookup(header, token);
  }

  async #ensureLoaded(): Promise<void> {
    if (this.#lookup === undefined) {
      if (this.#inFlight === undefined && this.#inCooldown()) {
        throw new AuthError('ERR_AUTH_KEYS_UNAVAILABLE');
      }

      await this.#refresh();
      return;
    }

    const age = this.#options.clock() - this.#fetchedAt;

    if (age < this.#options.cacheMaxAgeMs || this.#inCooldown()) return;

    // Stale-if-error: an outage must not lock out callers whose keys we hold.
    await this.#refresh().catch(() => undefined);
  }

  async #refreshForUnknownKey(miss: unknown): Promise<void> {
    if (this.#inFlight === undefined && this.#inCooldown()) {
      if (this.#lastAttemptFailed) throw new AuthError('ERR_AUTH_KEYS_UNAVAILABLE');

      throw miss;
    }

    await this.#refresh();
  }

  #inCooldown(): boolean {
    return this.#options.clock() - this.#attemptedAt < this.#options.cooldownMs;
  }

  // Single flight: concurrent callers share the one request in progress.
  #refresh(): Promise<void> {
    this.#inFlight ??= this.#load().finally(() => {
      this.#inFlight = undefined;
    });

    return this.#inFlight;
  }

  async #load(): Promise<void> {
    this.#attemptedAt = this.#options.clock();

    try {
      const url = await this.#options.locate();
      const jwks = readVerificationKeys(await fetchJson(url, this.#options));
      this.#apply(jwks);
      this.#lastAttemptFailed = false;
    } catch (error) {
      this.#lastAttemptFailed = true;
      throw new AuthError('ERR_AUTH_KEYS_UNAVAILABLE', undefined, { cause: error });
    }
  }

  #apply(jwks: JSONWebKeySet): void {
    const document = JSON.stringify(jwks);

    if (document !== this.#document) {
      this.#document = document;
      this.#lookup = createLocalJWKSet(jwks);
      this.#generation++;
    }

    this.#fetchedAt = this.#options.clock();
  }
}

/**
 * Keeps the public signature keys of a fetched JWKS document. Symmetric keys,
 * private keys and keys meant for encryption are dropped: a key endpoint
 * can only ever add public verification keys.
 *
 * @throws Error when the document is not a JWKS
 */
export function readVerificationKeys(document: unknown): JSONWebKeySet {
  const keys = (document as { keys?: unknown } | null)?.keys;

  if (!Array.isArray(keys)) throw new Error('The key document is not a JWKS.');

  const usable = (keys as unknown[]).filter(isPublicSignatureKey);

  return { keys: usable };
}

function isPublicSignatureKey(value: unknown): value is JWK {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;

  const key = value as Record<string, unknown>;
  const isAsymmetric = key['kty'] === 'RSA' || key['kty'] === 'EC' || key['kty'] === 'OKP';
  const isPublic = !('d' in key) && !('k' in key);
  const isForSigning = key['use'] === undefined || key['use'] === 'sig';

  return isAsymmetric && isPublic && isForSigning;
}

function isKeyMiss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_JWKS_NO_MATCHING_KEY';
}
