import { generateKeyPairSync } from 'node:crypto';

import { expect } from 'chai';

import { AuthError } from '../src/errors.js';
import { resolveOptions, type AuthenticationOptions } from '../src/options.js';
import { thrown } from './support/rejection.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const EC_JWK = publicKey.export({ format: 'jwk' });
const BASE: AuthenticationOptions = {
  issuer: 'https://issuer.test',
  audience: 'api',
  keys: { jwks: { keys: [EC_JWK] } },
  algorithms: ['ES256'],
};

function withOptions(overrides: Record<string, unknown>): AuthenticationOptions {
  const merged: unknown = { ...BASE, ...overrides };
  return merged as AuthenticationOptions;
}

describe('resolveOptions', () => {
  const invalid: { name: string; options: AuthenticationOptions; names: string }[] = [
    { name: 'no issuer', options: withOptions({ issuer: undefined }), names: '"issuer"' },
    { name: 'an empty issuer', options: withOptions({ issuer: '' }), names: '"issuer"' },
    { name: 'an empty issuer list', options: withOptions({ issuer: [] }), names: '"issuer"' },
    { name: 'no audience', options: withOptions({ audience: undefined }), names: '"audience"' },
    { name: 'no keys', options: withOptions({ keys: undefined }), names: '"keys"' },
    {
      name: 'a private key in the JWKS (red-team round 2, finding 8)',
      options: withOptions({ keys: { jwks: { keys: [privateKey.export({ format: 'jwk' })] } } }),
      names: 'private or secret',
    },
    {
      name: 'an RSA key under 2048 bits (final red-team pass, finding 4)',
      options: withOptions({
        algorithms: ['RS256'],
        keys: {
          jwks: {
            keys: [
              generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
                format: 'jwk',
              }),
            ],
          },
        },
      }),
      names: 'shorter than 2048 bits',
    },
    {
      name: 'only an encryption key',
      options: withOptions({ keys: { jwks: { keys: [{ ...EC_JWK, use: 'enc' }] } } }),
      names: 'no verification key',
    },
    {
      name: 'only a key whose key_ops exclude verify',
      options: withOptions({ keys: { jwks: { keys: [{ ...EC_JWK, key_ops: ['encrypt'] }] } } }),
      names: 'no verification key',
    },
    { name: 'an unknown key source', options: withOptions({ keys: {} }), names: '"keys"' },
    { name: 'no algorithms', options: withOptions({ algorithms: [] }), names: '"algorithms"' },
    { name: 'alg none', options: withOptions({ algorithms: ['none'] }), names: '"algorithms"' },
    {
      name: 'HS256 without allowSymmetric',
      options: withOptions({ algorithms: ['HS256'] }),
      names: 'allowSymmetric',
    },
    {
      name: 'HS256 with public keys',
      options: withOptions({ algorithms: ['HS256'], allowSymmetric: true }),
      names: '"algorithms"',
    },
    {
      name: 'RS256 with only an EC key',
      options: withOptions({ algorithms: ['RS256'] }),
      names: '"keys.jwks"',
    },
    {
      name: 'a short secret',
      options: withOptions({
        algorithms: ['HS256'],
        allowSymmetric: true,
        keys: { secret: new Uint8Array(16) },
      }),
      names: '"keys.secret"',
    },
    {
      name: 'an empty jwks',
      options: withOptions({ keys: { jwks: { keys: [] } } }),
      names: '"keys.jwks"',
    },
    {
      name: 'a plain http jwksUri off loopback',
      options: withOptions({ keys: { jwksUri: 'http://keys.example/jwks' } }),
      names: '"keys.jwksUri"',
    },
    {
      name: 'a jwksUri that is not a URL',
      options: withOptions({ keys: { jwksUri: 'not a url' } }),
      names: '"keys.jwksUri"',
    },
    {
      name: 'a zero timeout',
      options: withOptions({ keys: { jwksUri: 'https://issuer.test/jwks', timeoutMs: 0 } }),
      names: '"keys.timeoutMs"',
    },
    {
      name: 'a tiny response size cap',
      options: withOptions({
        keys: { jwksUri: 'https://issuer.test/jwks', maxResponseBytes: 10 },
      }),
      names: '"keys.maxResponseBytes"',
    },
    {
      name: 'discovery with two issuers',
      options: withOptions({
        issuer: ['https://a.test', 'https://b.test'],
        keys: { discovery: true },
      }),
      names: '"keys.discovery"',
    },
    {
      name: 'discovery with a plain http issuer off loopback',
      options: withOptions({ issuer: 'http://issuer.example', keys: { discovery: true } }),
      names: '"issuer"',
    },
    {
      name: 'a private key PEM',
      options: withOptions({
        keys: { publicKeys: [privateKey.export({ format: 'pem', type: 'pkcs8' })] },
      }),
      names: '"keys.publicKeys[0]"',
    },
    {
      name: 'a private KeyObject',
      options: withOptions({ keys: { publicKeys: [privateKey] } }),
      names: '"keys.publicKeys[0]"',
    },
    {
      name: 'an unreadable PEM',
      options: withOptions({ keys: { publicKeys: ['-----BEGIN PUBLIC KEY-----\nxx'] } }),
      names: '"keys.publicKeys[0]"',
    },
    {
      name: 'a negative clock tolerance',
      options: withOptions({ clockToleranceSeconds: -1 }),
      names: '"clockToleranceSeconds"',
    },
    {
      name: 'a clock tolerance over five minutes',
      options: withOptions({ clockToleranceSeconds: 301 }),
      names: '"clockToleranceSeconds"',
    },
    {
      name: 'a huge maxTokenLength',
      options: withOptions({ maxTokenLength: 1_000_000 }),
      names: '"maxTokenLength"',
    },
    { name: 'an empty typ', options: withOptions({ typ: '' }), names: '"typ"' },
    {
      name: 'an empty required claim',
      options: withOptions({ requiredClaims: [''] }),
      names: '"requiredClaims"',
    },
    { name: 'an empty roleClaim', options: withOptions({ roleClaim: '' }), names: '"roleClaim"' },
    { name: 'a realm with quotes', options: withOptions({ realm: 'a"b' }), names: '"realm"' },
    {
      name: 'an unknown unknownRoutes mode',
      options: withOptions({ unknownRoutes: 'ignore' }),
      names: '"unknownRoutes"',
    },
    {
      name: 'a zero-entry cache',
      options: withOptions({ cache: { maxEntries: 0 } }),
      names: '"cache.maxEntries"',
    },
    {
      name: 'a non-boolean revocation',
      options: withOptions({ revocation: 'yes' }),
      names: '"revocation"',
    },
    {
      name: 'a fetch that is not a function',
      options: withOptions({ fetch: 1 }),
      names: '"fetch"',
    },
  ];

  for (const { name, options, names } of invalid) {
    it(`fails fast with ERR_AUTH_INVALID_OPTIONS naming ${names} for ${name}`, () => {
      const error = thrown(() => resolveOptions(options));

      expect(error).to.be.instanceOf(AuthError);
      expect((error as AuthError).code).to.equal('ERR_AUTH_INVALID_OPTIONS');
      expect((error as AuthError).message).to.include(names);
    });
  }

  it('applies safe defaults', () => {
    const resolved = resolveOptions({
      ...BASE,
      algorithms: undefined,
      keys: { jwksUri: 'https://i.test/k' },
    } as unknown as AuthenticationOptions);

    expect(resolved).to.deep.include({
      algorithms: ['ES256', 'RS256'],
      clockToleranceSeconds: 5,
      maxTokenLength: 8192,
      realm: 'api',
      unknownRoutes: 'authenticate',
      cache: undefined,
      revocation: false,
    });
    expect(resolved.keys).to.deep.include({ timeoutMs: 5000, cooldownMs: 30_000 });
  });

  it('turns PEM strings and public KeyObjects into a local key set', () => {
    const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;

    const resolved = resolveOptions(withOptions({ keys: { publicKeys: [pem, publicKey] } }));

    expect(resolved.keys).to.deep.equal({ jwks: { keys: [EC_JWK, EC_JWK] }, ignoreKid: true });
  });

  it('accepts discovery for one https issuer', () => {
    const resolved = resolveOptions(withOptions({ keys: { discovery: true } }));

    expect(resolved.keys).to.deep.include({ discoveryIssuer: 'https://issuer.test' });
  });

  it('requires a jti when revocation is on', () => {
    const resolved = resolveOptions(withOptions({ revocation: true }));

    expect(resolved.requiredClaims).to.deep.equal(['jti']);
  });
});

describe('resolveOptions without "algorithms"', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    format: 'jwk',
  });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
    format: 'jwk',
  });
  const cases: { name: string; keys: object[]; expected: string[] }[] = [
    { name: 'an EC P-256 key', keys: [EC_JWK], expected: ['ES256'] },
    { name: 'an RSA key', keys: [rsa], expected: ['RS256'] },
    { name: 'a P-384 and an RSA key', keys: [p384, rsa], expected: ['ES384', 'RS256'] },
    { name: 'a key declaring PS256', keys: [{ ...rsa, alg: 'PS256' }], expected: ['PS256'] },
  ];

  for (const { name, keys, expected } of cases) {
    it(`allows only what ${name} can verify`, () => {
      const options = withOptions({ algorithms: undefined, keys: { jwks: { keys } } });

      const resolved = resolveOptions(options);

      expect(resolved.algorithms).to.deep.equal(expected);
    });
  }

  it('derives RS256 from a single RSA public key in PEM form', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    const options = withOptions({ algorithms: undefined, keys: { publicKeys: [pem] } });

    const resolved = resolveOptions(options);

    expect(resolved.algorithms).to.deep.equal(['RS256']);
  });

  it('never derives a symmetric algorithm, and refuses a secret key in the JWKS', () => {
    const keys = [{ kty: 'oct', k: 'c2VjcmV0', alg: 'HS256' }, EC_JWK];
    const options = withOptions({ algorithms: undefined, keys: { jwks: { keys } } });

    const act = () => resolveOptions(options);

    expect(act).to.throw(AuthError, /private or secret/);
  });
});
