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
  readonly algorithm?: TestAlgorithm;
  /** Current time in ms for `iat` and `exp`. Default `Date.now`. */
  readonly clock?: () => number;
}

/** The algorithms a {@link TestIssuer} can sign with. */
export type TestAlgorithm = 'ES256' | 'ES384' | 'RS256' | 'PS256' | 'EdDSA';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
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
  readonly algorithm: TestAlgorithm;
  #issuer: string;
  #keys: readonly SigningKey[];
  readonly #clock: () => number;
  #server: Server | undefined;
  #requests: string[] = [];

  /** @internal Use {@link createTestIssuer}. */
  constructor(parts: {
    issuer: string;
    audience: string;
    algorithm: TestAlgorithm;
    key: SigningKey;
    clock: () => number;
  }) {
    this.#issuer = parts.issuer;
    this.audience = parts.audience;
    this.algorithm = parts.algorithm;
    this.#keys = [parts.key];
    this.#clock = parts.clock;
  }

  /** The `iss` of the tokens. */
  get issuer(): string {
    return this.#issuer;
  }

  /** The `kid` of the current signing key (the newest). */
  get kid(): string {
    return this.#signingKey.kid;
  }

  /** The public keys, as a JWKS document. */
  get jwks(): JSONWebKeySet {
    return { keys: this.#keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** Paths requested from the server started by {@link listen}, in order. */
  get requests(): readonly string[] {
    return [...this.#requests];
  }

  /**
   * Key rotation: generates a new signing key and publishes it beside the
   * old ones, which stay in the JWKS until {@link retireKey}.
   *
   * @returns the new key's `kid`
   */
  async rotateKey(): Promise<string> {
    const key = await generateSigningKey(this.algorithm);
    this.#keys = [...this.#keys, key];
    return key.kid;
  }

  /** Removes a key from the JWKS (it can no longer sign either). */
  retireKey(kid: string): void {
    const remaining = this.#keys.filter((key) => key.kid !== kid);

    if (remaining.length === 0) throw new TypeError('TestIssuer.retireKey(): keep one key.');

    this.#keys = remaining;
  }

  get #signingKey(): SigningKey {
    return this.#keys[this.#keys.length - 1] as SigningKey;
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
    const now = Math.floor(this.#clock() / 1000);
    const exp = options.omitExp === true ? undefined : now + (options.expiresIn ?? 300);
    const payload: JWTPayload = {
      iss: this.#issuer,
      aud: this.audience,
      iat: now,
      jti: randomUUID(),
      ...(exp === undefined ? {} : { exp }),
      ...claims,
    };
    const key = this.#signingKey;
    const header = { alg: this.algorithm, kid: key.kid, typ: 'JWT', ...options.header };

    return new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
  }

  /**
   * Serves `/.well-known/jwks.json` and `/.well-known/openid-configuration`
   * on 127.0.0.1 at a free port; the issuer becomes that server's URL.
   */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.#requests.push(req.url ?? '');
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

  return new TestIssuer({
    issuer: options.issuer ?? 'https://issuer.test',
    audience: options.audience ?? 'portico-test',
    algorithm,
    key: await generateSigningKey(algorithm),
    clock: options.clock ?? Date.now,
  });
}

async function generateSigningKey(algorithm: TestAlgorithm): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' };

  return { kid, privateKey, publicJwk };
}

/**
 * Signs a token for `claims` and returns the `Authorization` header value:
 * the one-line way to call an app as a given user.
 *
 * @example
 * ```ts
 * await request(app.callback()).get('/me').set('Authorization', await asUser(issuer, { sub: 'alice' }));
 * ```
 */
export async function asUser(
  issuer: TestIssuer,
  claims: JWTPayload = {},
  options: SignOptions = {},
): Promise<string> {
  return `Bearer ${await issuer.sign(claims, options)}`;
}
