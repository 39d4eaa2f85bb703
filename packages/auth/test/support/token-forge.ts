import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import { base64url, type JWK } from 'jose';

/** A key pair made for one test run, with its public JWK. */
export interface ForgeKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: JWK;
}

/** Generates an ES256 (P-256) or RS256 key pair named `kid`. */
export function createForgeKey(type: 'ec' | 'rsa', kid: string): ForgeKey {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alg = type === 'ec' ? 'ES256' : 'RS256';
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } as JWK;

  return { privateKey: pair.privateKey, publicKey: pair.publicKey, jwk };
}

function encode(part: unknown): string {
  return base64url.encode(JSON.stringify(part));
}

/**
 * Builds a compact JWS byte by byte, whatever the header says (unknown
 * `crit`, `jku`, odd `kid` values), so tests can send tokens a well-behaved
 * library would refuse to produce.
 */
export function forgeToken(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  signer: ForgeKey | Uint8Array | 'unsigned',
): string {
  const input = `${encode(header)}.${encode(payload)}`;

  if (signer === 'unsigned') return `${input}.`;

  const data = Buffer.from(input);
  const signature =
    signer instanceof Uint8Array ? hmac(signer, data) : signAsymmetric(signer, data);

  return `${input}.${base64url.encode(signature)}`;
}

function signAsymmetric(key: ForgeKey, data: Buffer): Uint8Array {
  // JWS wants raw r||s for ECDSA (RFC 7518 section 3.4), not DER.
  return sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
}

function hmac(secret: Uint8Array, data: Buffer): Uint8Array {
  return createHmac('sha256', secret).update(data).digest();
}
