// Configuration every bench server reads from its environment. The harness
// generates fresh keys on each run and hands servers only what they verify with.
import { createPublicKey } from 'node:crypto';

import { importJWK } from 'jose';

/** Reads PORT, BENCH_ISSUER, BENCH_AUDIENCE, BENCH_ALG and BENCH_KEY. */
export function readBenchEnv() {
  const env = process.env;
  const alg = env.BENCH_ALG ?? 'ES256';

  if (alg !== 'ES256' && alg !== 'HS256') throw new TypeError(`unsupported BENCH_ALG ${alg}`);

  return {
    port: Number(env.PORT ?? 0),
    issuer: required(env.BENCH_ISSUER, 'BENCH_ISSUER'),
    audience: required(env.BENCH_AUDIENCE, 'BENCH_AUDIENCE'),
    alg,
    key: required(env.BENCH_KEY, 'BENCH_KEY'),
  };
}

/** The key jose verifies with: a public CryptoKey (ES256) or the secret bytes (HS256). */
export async function importVerifyKey(config) {
  if (config.alg === 'HS256') return Buffer.from(config.key, 'base64url');

  return importJWK(JSON.parse(config.key), 'ES256');
}

/** The key as PEM (ES256) or a Buffer (HS256), for libraries that do not take JWK. */
export function verifyKeyAsPem(config) {
  if (config.alg === 'HS256') return Buffer.from(config.key, 'base64url');

  const key = createPublicKey({ key: JSON.parse(config.key), format: 'jwk' });
  return key.export({ type: 'spki', format: 'pem' });
}

/** Reads the Bearer token of an Authorization header, or undefined. */
/** The jose verify options every jose-based bench server uses. */
export function verifyOptionsOf(config) {
  return { issuer: config.issuer, audience: config.audience, algorithms: [config.alg] };
}

export function readBearer(header) {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;

  return header.slice(7);
}

/** Tells the harness the server is up; it then times the first served request itself. */
export function announce(name, port) {
  process.stdout.write(`${name} listening on 127.0.0.1:${port}\n`);
}

function required(value, name) {
  if (value === undefined || value === '') throw new TypeError(`${name} is required`);

  return value;
}
