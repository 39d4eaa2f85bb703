import type { RevocationList } from './revocation-list.js';

/**
 * The default {@link RevocationList}: revoked ids in memory, each forgotten
 * once the token it names has expired anyway. Suits a single process; bind a
 * shared store for several.
 *
 * @example
 * ```ts
 * container.get<MemoryRevocationList>(REVOCATION_LIST).revoke(jti, exp);
 * ```
 */
export class MemoryRevocationList implements RevocationList {
  readonly #expiries = new Map<string, number>();
  readonly #clock: () => number;

  /** @param clock - current time in ms; default `Date.now` */
  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** Number of ids held. */
  get size(): number {
    return this.#expiries.size;
  }

  /**
   * Revokes a token id until `expiresAt`, the token's `exp` in seconds.
   *
   * @throws TypeError for an empty `jti` or a non-finite `expiresAt`
   */
  revoke(jti: string, expiresAt: number): void {
    if (jti.length === 0 || !Number.isFinite(expiresAt)) {
      throw new TypeError('MemoryRevocationList.revoke(): needs a "jti" and a finite "expiresAt".');
    }

    this.#prune();
    this.#expiries.set(jti, expiresAt * 1000);
  }

  isRevoked(jti: string): boolean {
    const expiry = this.#expiries.get(jti);

    if (expiry === undefined) return false;

    if (expiry <= this.#clock()) {
      this.#expiries.delete(jti);
      return false;
    }

    return true;
  }

  #prune(): void {
    const now = this.#clock();

    for (const [jti, expiry] of this.#expiries) {
      if (expiry <= now) this.#expiries.delete(jti);
    }
  }
}
