import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';

/** Options of {@link createTestIssuer}. */
export interface TestIssuerOptions {
  /** `iss` of the tokens; with {@link TestIssuer.listen} the server URL is used instead. */
  readonly issuer?: string;
  /** Default `aud` of the tokens. Default `portico-test`. */
  readonly audience?: string;
  /** Signing algorithm. Default `ES256`. */
  readonly algorithm?: 'ES256' | 'ES384' | 'RS256' | 'PS256' | 'EdDSA';
}

/** Claims and header overrides of one test token. */
export interface SignOptions {
  /** Lifetime in seconds, or an absolute `exp`. Default 300 s. */
  readonly expiresIn?: number;
  /** Leave `exp` out entirely. */
  readonly omitExp?: boolean;
  /** Extra or overriding protected header fields (`kid`, `typ` …). */
  readonly header?: Readonly<Record<string, unknown>>;
}

/**
 * A throw-away token issuer for tests: a generated key pair, a signer, its
 * public JWKS, and optionally an HTTP server on a loopback port serving the
 * JWKS and an OpenID discovery document. No key ever touches the disk.
 */
export class TestIssuer {
  readonly audience: string;
  readonly algorithm: string;
  readonly kid: string;
  #issuer: string;
  readonly #privateKey: CryptoKey;
  readonly #publicJwk: JWK;
  #server: Server | undefined;

  /** @internal Use {@link createTestIssuer}. */
  constructor(parts: {
    issuer: string;
    audience: string;
    algorithm: string;
    privateKey: CryptoKey;
    publicJwk: JWK;
    kid: string;
  }) {
    this.#issuer = parts.issuer;
    this.audience = parts.audience;
    this.algorithm = parts.algorithm;
    this.#privateKey = parts.privateKey;
    this.#publicJwk = parts.publicJwk;
    this.kid = parts.kid;
  }

  /** The `iss` of the tokens. */
  get issuer(): string {
    return this.#issuer;
  }

  /** The public keys, as a JWKS document. */
  get jwks(): JSONWebKeySet {
    return { keys: [{ ...this.#publicJwk }] };
  }

  /** The JWKS URL once {@link listen} ran. */
  get jwksUri(): string {
    return `${this.#issuer}/.well-known/jwks.json`;
  }

  /**
   * Signs a token with `iss`, `aud`, `iat`, `exp` and `jti` filled in;
   * `claims` override them.
   */
  async sign(claims: JWTPayload = {}, options: SignOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const exp = options.omitExp === true ? undefined : now + (options.expiresIn ?? 300);
    const payload: JWTPayload = {
      iss: this.#issuer,
      aud: this.audience,
      iat: now,
      jti: randomUUID(),
      ...(exp === undefined ? {} : { exp }),
      ...claims,
    };
    const header = { alg: this.algorithm, kid: this.kid, typ: 'JWT', ...options.header };

    return new SignJWT(payload).setProtectedHeader(header).sign(this.#privateKey);
  }

  /**
   * Serves `/.well-known/jwks.json` and `/.well-known/openid-configuration`
   * on 127.0.0.1 at a free port; the issuer becomes that server's URL.
   */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const body = this.#document(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not_found' }));
    });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.#issuer;
  }

  #document(path: string): unknown {
    if (path === '/.well-known/jwks.json') return this.jwks;

    if (path === '/.well-known/openid-configuration') {
      return { issuer: this.#issuer, jwks_uri: this.jwksUri };
    }

    return undefined;
  }

  /** Stops the server started by {@link listen}. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;

    if (server === undefined) return;

    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}

/**
 * Generates a key pair and returns a {@link TestIssuer} for it.
 *
 * @example
 * ```ts
 * const issuer = await createTestIssuer({ audience: 'notes-api' });
 * const token = await issuer.sign({ sub: 'alice', roles: ['admin'] });
 * ```
 */
export async function createTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const algorithm = options.algorithm ?? 'ES256';
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' };

  return new TestIssuer({
    issuer: options.issuer ?? 'https://issuer.test',
    audience: options.audience ?? 'portico-test',
    algorithm,
    privateKey,
    publicJwk,
    kid,
  });
}
