import { LOGGER } from '@portico/core';
import { expect } from 'chai';
import request from 'supertest';

import { createFixture, type Fixture } from '../support/fixture-app.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { createForgeKey, forgeToken, type ForgeKey } from '../support/token-forge.js';
import { TrapServer } from '../support/trap-server.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'fixture-api';
const NOW = Date.UTC(2026, 5, 1, 12);
const NOW_S = NOW / 1000;

const trustedEc = createForgeKey('ec', 'trusted-ec');
const trustedRsa = createForgeKey('rsa', 'trusted-rsa');
const attackerEc = createForgeKey('ec', 'trusted-ec');
const attackerRsa = createForgeKey('rsa', 'trusted-rsa');

const GENERIC_BODY_KEYS = ['code', 'detail', 'requestId', 'status', 'title', 'type'];
const LEAKY_WORDS = ['expired', 'signature', 'kid', 'issuer', 'audience', 'alg', 'jwk', 'crit'];

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, aud: AUDIENCE, sub: 'mallory', iat: NOW_S, exp: NOW_S + 300, ...overrides };
}

function header(key: ForgeKey, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: key.jwk.alg, kid: key.jwk.kid, typ: 'JWT', ...overrides };
}

function pem(key: ForgeKey): Uint8Array {
  return Buffer.from(key.publicKey.export({ format: 'pem', type: 'spki' }) as string);
}

function signed(overrides: Record<string, unknown> = {}): string {
  return forgeToken(header(trustedEc), claims(overrides), trustedEc);
}

function withoutClaim(name: string): string {
  const payload = Object.fromEntries(Object.entries(claims()).filter(([key]) => key !== name));
  return forgeToken(header(trustedEc), payload, trustedEc);
}

// The middle of the signature: a token's last character may only hold padding bits.
function flipSignatureCharacter(token: string): string {
  const at = token.length - 20;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

describe('attacks: token forms', () => {
  const trap = new TrapServer();
  let fixture: Fixture;
  let logger: RecordingLogger;

  before(async () => {
    await trap.start({ keys: [attackerEc.jwk, attackerRsa.jwk] });
  });

  after(async () => {
    await trap.stop();
  });

  beforeEach(async () => {
    logger = new RecordingLogger();
    fixture = await createFixture(
      {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['ES256', 'RS256'],
        keys: { jwks: { keys: [trustedEc.jwk, trustedRsa.jwk] } },
        clock: () => NOW,
      },
      { prepare: (container) => container.bind(LOGGER).toConstantValue(logger) },
    );
  });

  function call(authorization: string | undefined, path = '/api/data') {
    const test = request(fixture.app.callback()).get(path);
    return authorization === undefined ? test : test.set('Authorization', authorization);
  }

  it('accepts the well-formed control token, so the cases below fail for their own reason', async () => {
    const res = await call(`Bearer ${signed()}`);

    expect(res.status).to.equal(200);
    expect(fixture.calls.names).to.deep.equal(['data']);
  });

  it('accepts an audience array that names this API among others', async () => {
    const res = await call(`Bearer ${signed({ aud: ['other-api', AUDIENCE] })}`);

    expect(res.status).to.equal(200);
  });

  const tokens: { name: string; token: () => string; reason: string }[] = [
    {
      name: 'alg none',
      token: () => forgeToken({ alg: 'none', typ: 'JWT' }, claims(), 'unsigned'),
      reason: 'ERR_AUTH_TOKEN_MALFORMED',
    },
    {
      name: 'alg none with a trusted kid and an empty signature segment',
      token: () => forgeToken({ alg: 'none', kid: 'trusted-ec' }, claims(), 'unsigned'),
      reason: 'ERR_AUTH_TOKEN_MALFORMED',
    },
    {
      name: 'HS256 signed with the trusted RSA public key PEM',
      token: () => forgeToken(header(trustedRsa, { alg: 'HS256' }), claims(), pem(trustedRsa)),
      reason: 'ERR_AUTH_TOKEN_ALGORITHM',
    },
    {
      name: 'HS256 signed with the trusted EC public key PEM',
      token: () => forgeToken(header(trustedEc, { alg: 'HS256' }), claims(), pem(trustedEc)),
      reason: 'ERR_AUTH_TOKEN_ALGORITHM',
    },
    {
      name: 'HS256 signed with the trusted public JWK as JSON',
      token: () => {
        const secret = Buffer.from(JSON.stringify(trustedEc.jwk));
        return forgeToken(header(trustedEc, { alg: 'HS256' }), claims(), secret);
      },
      reason: 'ERR_AUTH_TOKEN_ALGORITHM',
    },
    {
      name: 'an attacker EC key with the trusted kid',
      token: () => forgeToken(header(attackerEc), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'an attacker RSA key with the trusted kid',
      token: () => forgeToken(header(attackerRsa), claims(), attackerRsa),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'an unknown kid',
      token: () => forgeToken(header(attackerEc, { kid: 'unknown' }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'a path traversal kid',
      token: () =>
        forgeToken(header(attackerEc, { kid: '../../../../dev/null' }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'an SQL-ish kid',
      token: () =>
        forgeToken(header(attackerEc, { kid: "x' OR '1'='1' --" }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'a huge kid',
      token: () => forgeToken(header(attackerEc, { kid: 'k'.repeat(4000) }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'a non-string kid',
      token: () => forgeToken(header(attackerEc, { kid: { $ne: null } }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'an embedded attacker jwk',
      token: () => forgeToken({ alg: 'ES256', jwk: attackerEc.jwk }, claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'a jku header naming an attacker JWKS',
      token: () =>
        forgeToken(header(attackerEc, { jku: `${trap.url}/jwks` }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'a jku header with an unknown kid',
      token: () =>
        forgeToken(
          header(attackerEc, { kid: 'fresh', jku: `${trap.url}/jwks` }),
          claims(),
          attackerEc,
        ),
      reason: 'ERR_AUTH_TOKEN_KEY_NOT_FOUND',
    },
    {
      name: 'an x5u header naming an attacker certificate',
      token: () =>
        forgeToken(header(attackerEc, { x5u: `${trap.url}/cert.pem` }), claims(), attackerEc),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'an x5c header carrying an attacker key',
      token: () => {
        const der = attackerEc.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
        return forgeToken(header(attackerEc, { x5c: [der] }), claims(), attackerEc);
      },
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'an unknown critical header, validly signed',
      token: () =>
        forgeToken(
          header(trustedEc, { crit: ['x-portico'], 'x-portico': true }),
          claims(),
          trustedEc,
        ),
      reason: 'ERR_AUTH_TOKEN_MALFORMED',
    },
    {
      name: 'an algorithm outside the allow-list (ES384)',
      token: () => forgeToken(header(trustedEc, { alg: 'ES384' }), claims(), trustedEc),
      reason: 'ERR_AUTH_TOKEN_ALGORITHM',
    },
    {
      name: 'a numeric sub (regression: red-team finding 4)',
      token: () => signed({ sub: 123 }),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'an object jti',
      token: () => signed({ jti: { id: 1 } }),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'an expired token',
      token: () => signed({ iat: NOW_S - 600, exp: NOW_S - 60 }),
      reason: 'ERR_AUTH_TOKEN_EXPIRED',
    },
    {
      name: 'a token not valid yet',
      token: () => signed({ nbf: NOW_S + 60 }),
      reason: 'ERR_AUTH_TOKEN_NOT_YET_VALID',
    },
    {
      name: 'a token issued in the future',
      token: () => signed({ iat: NOW_S + 60, exp: NOW_S + 600 }),
      reason: 'ERR_AUTH_TOKEN_NOT_YET_VALID',
    },
    {
      name: 'a token without exp',
      token: () => withoutClaim('exp'),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'a wrong issuer',
      token: () => signed({ iss: 'https://evil.test' }),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    { name: 'a missing issuer', token: () => withoutClaim('iss'), reason: 'ERR_AUTH_TOKEN_CLAIMS' },
    {
      name: 'a wrong audience',
      token: () => signed({ aud: 'other-api' }),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'an audience array without this API',
      token: () => signed({ aud: ['other-api', 'third-api'] }),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'a missing audience',
      token: () => withoutClaim('aud'),
      reason: 'ERR_AUTH_TOKEN_CLAIMS',
    },
    {
      name: 'a tampered signature',
      token: () => flipSignatureCharacter(signed()),
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'a tampered payload',
      token: () => {
        const [head, , signature] = signed().split('.');
        const payload = Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url');
        return `${head}.${payload}.${signature}`;
      },
      reason: 'ERR_AUTH_TOKEN_SIGNATURE',
    },
    {
      name: 'an oversized token',
      token: () => signed({ padding: 'x'.repeat(9000) }),
      reason: 'ERR_AUTH_TOKEN_TOO_LARGE',
    },
    { name: 'garbage', token: () => 'not-a-token', reason: 'ERR_AUTH_TOKEN_MALFORMED' },
    { name: 'three empty-ish segments', token: () => 'a.b.c', reason: 'ERR_AUTH_TOKEN_MALFORMED' },
    {
      name: 'a JWE-shaped token',
      token: () => 'eyJhbGciOiJkaXIifQ..aXY.Y2lwaGVy.dGFn',
      reason: 'ERR_AUTH_TOKEN_MALFORMED',
    },
  ];

  for (const { name, token, reason } of tokens) {
    it(`rejects ${name} with 401, a generic body, and no handler run`, async () => {
      const value = token();

      const res = await call(`Bearer ${value}`);

      expect(res.status).to.equal(401);
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="api", error="invalid_token"');
      expect(res.body.code).to.equal('ERR_AUTH_TOKEN_INVALID');
      expect(Object.keys(res.body).sort()).to.deep.equal(GENERIC_BODY_KEYS);
      expect(res.body.detail).to.equal('The bearer token is not valid.');
      for (const word of LEAKY_WORDS) expect(res.text.toLowerCase()).not.to.include(word);
      expect(fixture.calls.count).to.equal(0);
      expect(logger.entries.filter((each) => each.message === 'token rejected')).to.deep.equal([
        {
          level: 'debug',
          fields: { requestId: res.body.requestId, reason },
          message: 'token rejected',
        },
      ]);
      expect(JSON.stringify(logger.entries)).not.to.include(value);
    });
  }

  it('never contacts a URL named in jku or x5u headers', () => {
    expect(trap.requests).to.deep.equal([]);
  });

  const headerForms: { name: string; value: () => string | undefined; status: number }[] = [
    { name: 'no Authorization header', value: () => undefined, status: 401 },
    { name: 'the Basic scheme', value: () => 'Basic bWFsbG9yeTpzZWNyZXQ=', status: 401 },
    {
      name: 'an unknown scheme carrying a valid token',
      value: () => `Token ${signed()}`,
      status: 401,
    },
    { name: 'a bare Bearer', value: () => 'Bearer', status: 401 },
    { name: 'Bearer with two tokens', value: () => `Bearer ${signed()} ${signed()}`, status: 401 },
    { name: 'Bearer with a comma', value: () => `Bearer ${signed()}, Basic x`, status: 401 },
  ];

  for (const { name, value, status } of headerForms) {
    it(`answers ${status} to ${name} without running the handler`, async () => {
      const res = await call(value());

      expect(res.status).to.equal(status);
      expect(res.body.code).to.match(/^ERR_AUTH_TOKEN_(MISSING|INVALID)$/);
      expect(fixture.calls.count).to.equal(0);
    });
  }

  it('ignores a valid token in the query string', async () => {
    const res = await call(undefined, `/api/data?access_token=${signed()}`);

    expect(res.status).to.equal(401);
    expect(res.body.code).to.equal('ERR_AUTH_TOKEN_MISSING');
    expect(fixture.calls.count).to.equal(0);
  });

  it('rejects two Authorization headers, even two valid ones, with 400', async () => {
    const test = call(undefined);
    test.set('Authorization', [`Bearer ${signed()}`, `Bearer ${signed()}`] as unknown as string);

    const res = await test;

    expect(res.status).to.equal(400);
    expect(res.headers['www-authenticate']).to.include('error="invalid_request"');
    expect(fixture.calls.count).to.equal(0);
  });
});
