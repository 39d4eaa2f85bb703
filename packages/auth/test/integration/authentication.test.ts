import { expect } from 'chai';
import { base64url, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';

import { createTestIssuer } from '../../src/testing/index.js';
import { createFixture, type Fixture } from '../support/fixture-app.js';

function unsigned(payload: Record<string, unknown>): string {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return `${header}.${base64url.encode(JSON.stringify(payload))}.`;
}

describe('authentication', () => {
  let fixture: Fixture;

  beforeEach(async () => {
    fixture = await createFixture();
  });

  function call(path: string, token?: string) {
    const test = request(fixture.app.callback()).get(path);
    return token === undefined ? test : test.set('Authorization', `Bearer ${token}`);
  }

  describe('protected routes', () => {
    it('answers 200 with a valid token', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });

      const res = await call('/api/data', token);

      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ secret: 'data' });
      expect(fixture.calls.count).to.equal(1);
    });

    it('rejects a request without a token with 401 and a Bearer challenge', async () => {
      const res = await call('/api/data');

      expect(res.status).to.equal(401);
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="api"');
      expect(res.body.code).to.equal('ERR_AUTH_TOKEN_MISSING');
      expect(fixture.calls.count).to.equal(0);
    });

    const invalidTokens: { name: string; make: (f: Fixture) => Promise<string> }[] = [
      { name: 'an expired token', make: (f) => f.issuer.sign({ sub: 'a' }, { expiresIn: -60 }) },
      { name: 'a token without exp', make: (f) => f.issuer.sign({ sub: 'a' }, { omitExp: true }) },
      { name: 'a wrong issuer', make: (f) => f.issuer.sign({ iss: 'https://evil.test' }) },
      { name: 'a wrong audience', make: (f) => f.issuer.sign({ aud: 'other-api' }) },
      {
        name: 'a missing audience',
        make: (f) => f.issuer.sign({ aud: undefined } as unknown as JWTPayload),
      },
      {
        name: 'a token not yet valid',
        make: (f) => f.issuer.sign({ nbf: Math.floor(Date.now() / 1000) + 3600 }),
      },
      {
        name: 'a token signed by another key with the trusted kid',
        make: async (f) => {
          const other = await createTestIssuer({
            issuer: f.issuer.issuer,
            audience: 'fixture-api',
          });
          return other.sign({ sub: 'mallory' }, { header: { kid: f.issuer.kid } });
        },
      },
      {
        name: 'alg none',
        make: () => Promise.resolve(unsigned({ sub: 'mallory', exp: 9999999999 })),
      },
      {
        name: 'HS256 signed with the public key',
        make: async (f) => {
          const jwk = f.issuer.jwks.keys[0]!;
          const secret = new TextEncoder().encode(JSON.stringify(jwk));
          return new SignJWT({ sub: 'mallory', iss: f.issuer.issuer, aud: 'fixture-api' })
            .setProtectedHeader({ alg: 'HS256', kid: f.issuer.kid })
            .setExpirationTime('5m')
            .sign(secret);
        },
      },
      {
        name: 'an embedded attacker jwk',
        make: async (f) => {
          const { privateKey, publicKey } = await generateKeyPair('ES256');
          const jwk = await exportJWK(publicKey);
          return new SignJWT({ sub: 'mallory', iss: f.issuer.issuer, aud: 'fixture-api' })
            .setProtectedHeader({ alg: 'ES256', jwk })
            .setExpirationTime('5m')
            .sign(privateKey);
        },
      },
      { name: 'garbage', make: () => Promise.resolve('not-a-token') },
      { name: 'an oversized token', make: () => Promise.resolve(`${'a'.repeat(9000)}.b.c`) },
    ];

    for (const { name, make } of invalidTokens) {
      it(`rejects ${name} with 401 invalid_token and the same body`, async () => {
        const token = await make(fixture);

        const res = await call('/api/data', token);

        expect(res.status).to.equal(401);
        expect(res.headers['www-authenticate']).to.equal(
          'Bearer realm="api", error="invalid_token"',
        );
        expect(res.body).to.include({ code: 'ERR_AUTH_TOKEN_INVALID', status: 401 });
        expect(Object.keys(res.body).sort()).to.deep.equal(
          ['code', 'detail', 'requestId', 'status', 'title', 'type'].sort(),
        );
        expect(res.body.detail).to.equal('The bearer token is not valid.');
        expect(fixture.calls.count).to.equal(0);
      });
    }

    it('protects HEAD on a GET route', async () => {
      const res = await request(fixture.app.callback()).head('/api/data');

      expect(res.status).to.equal(401);
      expect(fixture.calls.count).to.equal(0);
    });

    it('ignores a token in the query string', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });

      const res = await call(`/api/data?access_token=${token}`);

      expect(res.status).to.equal(401);
      expect(fixture.calls.count).to.equal(0);
    });

    it('rejects duplicate Authorization headers with 400 invalid_request', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });
      const test = request(fixture.app.callback()).get('/api/data');
      test.set('Authorization', [`Bearer ${token}`, `Bearer ${token}`] as unknown as string);

      const res = await test;

      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal('ERR_AUTH_INVALID_REQUEST');
      expect(fixture.calls.count).to.equal(0);
    });
  });

  describe('anonymous routes', () => {
    it('ignores a broken token and leaves the security context empty', async () => {
      const res = await call('/api/public', 'broken.token.value');

      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ authenticated: false });
    });

    it('applies @allowAnonymous on a class to all its routes', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });

      const res = await call('/open/info', token);

      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ sub: null });
    });
  });

  describe('unknown paths and methods', () => {
    it('answers 401 for an unknown path without a token', async () => {
      const res = await call('/api/nothing-here');

      expect(res.status).to.equal(401);
    });

    it('answers 404 for an unknown path with a valid token', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });

      const res = await call('/api/nothing-here', token);

      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('ERR_CORE_NOT_FOUND');
    });

    it('answers 405 with Allow for a wrong method with a valid token', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice' });

      const res = await request(fixture.app.callback())
        .delete('/api/data')
        .set('Authorization', `Bearer ${token}`);

      expect(res.status).to.equal(405);
      expect(res.headers['allow']).to.equal('HEAD, GET, POST');
    });

    it('treats a differently cased path as unknown, so it stays protected', async () => {
      const res = await call('/API/public');

      expect(res.status).to.equal(401);
    });
  });

  describe('roles', () => {
    it('answers 403 insufficient_scope without the role', async () => {
      const token = await fixture.issuer.sign({ sub: 'bob', roles: ['user'] });

      const res = await call('/api/admin', token);

      expect(res.status).to.equal(403);
      expect(res.headers['www-authenticate']).to.include('error="insufficient_scope"');
      expect(res.body.code).to.equal('ERR_AUTH_FORBIDDEN');
      expect(fixture.calls.count).to.equal(0);
    });

    it('answers 200 with the role', async () => {
      const token = await fixture.issuer.sign({ sub: 'alice', roles: ['admin'] });

      const res = await call('/api/admin', token);

      expect(res.status).to.equal(200);
    });
  });

  describe('security context isolation', () => {
    it('gives each of many concurrent requests its own caller across awaits', async () => {
      const subjects = Array.from({ length: 200 }, (_, index) => `user-${index}`);
      const tokens = await Promise.all(subjects.map((sub) => fixture.issuer.sign({ sub })));
      const server = fixture.app.callback();

      const responses = await Promise.all(
        tokens.map((token) =>
          request(server).get('/api/me').set('Authorization', `Bearer ${token}`),
        ),
      );

      expect(responses.map((res) => res.body.sub as unknown)).to.deep.equal(subjects);
    });
  });
});
