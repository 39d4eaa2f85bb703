import { hash } from 'node:crypto';

import type { JWTPayload } from 'jose';

/** Options of the verified-token cache (`cache` of {@link authentication}). */
export interface TokenCacheOptions {
  /** Most tokens held at once. Default 10000. */
  readonly maxEntries?: number;
  /** Most memory held, estimated from token and claim sizes. Default 16 MiB. */
  readonly maxBytes?: number;
}

interface Entry {
  readonly claims: JWTPayload;
  readonly notBefore: number;
  readonly expiresAt: number;
  readonly bytes: number;
}

// Map bookkeeping, the hash key and object headers, roughly.
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Remembers tokens that passed verification, so a repeated token skips the
 * signature check. Keyed by the SHA-256 of the whole token, so only the very
 * same token can hit. An entry never outlives the token's `exp`, is not used
 * before its `nbf`, and the whole cache is dropped when the trusted keys
 * change. Least recently used entries go first when a bound is reached.
 */
export class VerifiedTokenCache {
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #generation: number | undefined;

  constructor(options: Required<TokenCacheOptions>) {
    this.#maxEntries = options.maxEntries;
    this.#maxBytes = options.maxBytes;
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * @param now - current time in ms
   * @param generation - the key set's generation; a change empties the cache
   * @returns the claims of a cached, still valid token, else `undefined`
   */
  get(token: string, now: number, generation: number): JWTPayload | undefined {
    this.#sync(generation);

    const key = hashToken(token);
    const entry = this.#entries.get(key);

    if (entry === undefined) return undefined;

    if (now >= entry.expiresAt) {
      this.#delete(key, entry);
      return undefined;
    }

    // Only reachable if the clock went back; the entry may serve again later.
    if (now < entry.notBefore) return undefined;

    // Re-insert to mark it most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.claims;
  }

  /** Caches a verified token until its `exp`; tokens without `exp` are not cached. */
  set(token: string, claims: JWTPayload, generation: number, toleranceMs: number): void {
    this.#sync(generation);

    if (typeof claims.exp !== 'number') return;

    const key = hashToken(token);
    const bytes = estimateBytes(token, claims);
    const nbf = typeof claims.nbf === 'number' ? claims.nbf * 1000 : Number.NEGATIVE_INFINITY;
    const entry = { claims, expiresAt: claims.exp * 1000, notBefore: nbf - toleranceMs, bytes };

    const earlier = this.#entries.get(key);
    if (earlier !== undefined) this.#delete(key, earlier);

    this.#entries.set(key, entry);
    this.#bytes += bytes;
    this.#evict();
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #sync(generation: number): void {
    if (this.#generation !== generation) {
      this.clear();
      this.#generation = generation;
    }
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      const within = this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes;

      if (within) return;

      this.#delete(key, entry);
    }
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

function estimateBytes(token: string, claims: JWTPayload): number {
  // JavaScript strings take two bytes a character; claims are held as objects.
  return ENTRY_OVERHEAD_BYTES + 2 * token.length + 2 * JSON.stringify(claims).length;
}
