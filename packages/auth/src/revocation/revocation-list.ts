/**
 * A denylist of token ids (`jti`). Bind your own implementation (Redis, a
 * database) to {@link REVOCATION_LIST}; `authentication({ revocation: true })`
 * checks every token against it after the signature, including tokens served
 * from the verified-token cache. The check fails closed: if `isRevoked`
 * throws or rejects, the request is answered 503 and the handler never runs.
 */
export interface RevocationList {
  /** Whether the token with this `jti` has been revoked. May be async. */
  isRevoked(jti: string): boolean | Promise<boolean>;
}

/** Container token of the application's {@link RevocationList}. */
export const REVOCATION_LIST = Symbol.for('portico:auth:revocation-list');
