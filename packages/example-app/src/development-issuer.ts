import { randomUUID } from 'node:crypto';

import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';

/** Lifetime of development tokens, in seconds. */
export const TOKEN_LIFETIME_SECONDS = 900;

/**
 * The embedded development issuer: an ES256 key pair generated at start-up
 * (never written anywhere), a signer, and the public JWKS.
 */
export class DevelopmentIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: JSONWebKeySet;
  readonly #privateKey: CryptoKey;
  readonly #kid: string;

  private constructor(
    issuer: string,
    audience: string,
    privateKey: CryptoKey,
    jwks: JSONWebKeySet,
    kid: string,
  ) {
    this.issuer = issuer;
    this.audience = audience;
    this.#privateKey = privateKey;
    this.jwks = jwks;
    this.#kid = kid;
  }

  /** Generates a fresh key pair for `issuer`. */
  static async create(issuer: string, audience: string): Promise<DevelopmentIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };

    return new DevelopmentIssuer(issuer, audience, privateKey, { keys: [jwk] }, kid);
  }

  /** Issues an access token for `subject` with `roles`. */
  async issue(subject: string, roles: readonly string[]): Promise<string> {
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'ES256', kid: this.#kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.#privateKey);
  }
}
