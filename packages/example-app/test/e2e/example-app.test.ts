import { expect } from 'chai';
import { base64url, decodeJwt } from 'jose';

import { startExampleApp, type RunningExample } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { createTestIssuer } from '@portico/auth/testing';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

describe('example app (real server on a loopback port)', () => {
  let running: RunningExample;

  before(async () => {
    running = await startExampleApp(readConfig({ PORT: '0' }));
  });

  after(async () => {
    await running.close();
  });

  async function call(
    method: string,
    path: string,
    init: { token?: string; body?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';

    const res = await fetch(`${running.url}${path}`, { method, headers, body: init.body ?? null });
    const text = await res.text();

    return {
      status: res.status,
      headers: res.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  async function login(username: string, password: string): Promise<string> {
    const res = await call('POST', '/auth/login', { body: JSON.stringify({ username, password }) });
    expect(res.status).to.equal(200);
    return (res.body as { access_token: string }).access_token;
  }

  it('serves the anonymous routes', async () => {
    expect((await call('GET', '/api/health')).body).to.deep.equal({ status: 'ok' });
    expect((await call('GET', '/api/version')).body).to.deep.equal({ version: '0.1.0' });
    expect((await call('GET', '/api/greeting', { token: 'garbage' })).body).to.deep.equal({
      message: 'Hello, guest!',
    });
  });

  it('logs in and returns a Bearer token for the configured audience', async () => {
    const res = await call('POST', '/auth/login', {
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });

    const body = res.body as { access_token: string; token_type: string; expires_in: number };
    expect(res.status).to.equal(200);
    expect(body.token_type).to.equal('Bearer');
    expect(body.expires_in).to.equal(900);
    expect(decodeJwt(body.access_token)).to.include({
      sub: 'alice',
      iss: running.url,
      aud: 'portico-example',
    });
  });

  it('refuses wrong credentials with 401 and a malformed body with 400', async () => {
    const wrong = await call('POST', '/auth/login', {
      body: JSON.stringify({ username: 'bob', password: 'alice-password' }),
    });
    const unknown = await call('POST', '/auth/login', {
      body: JSON.stringify({ username: 'carol', password: 'x' }),
    });
    const malformed = await call('POST', '/auth/login', { body: '{"username":' });
    const missing = await call('POST', '/auth/login', { body: '{"username":"bob"}' });

    expect([wrong.status, unknown.status, malformed.status, missing.status]).to.deep.equal([
      401, 401, 400, 400,
    ]);
  });

  it('walks the protected routes as alice and bob', async () => {
    const alice = await login('alice', 'alice-password');
    const bob = await login('bob', 'bob-password');

    expect((await call('GET', '/api/data', { token: bob })).body).to.deep.equal({ secret: 'data' });
    expect((await call('GET', '/api/me', { token: bob })).body).to.deep.equal({
      sub: 'bob',
      roles: ['user'],
    });
    expect((await call('GET', '/api/me', { token: alice })).body).to.deep.equal({
      sub: 'alice',
      roles: ['admin', 'user'],
    });
    expect((await call('GET', '/api/admin/stats', { token: bob })).status).to.equal(403);
    expect((await call('GET', '/api/admin/stats', { token: alice })).status).to.equal(200);
  });

  it('serves the development JWKS anonymously', async () => {
    const res = await call('GET', '/.well-known/jwks.json');

    expect(res.status).to.equal(200);
    expect((res.body as { keys: { kty: string; d?: string }[] }).keys[0])
      .to.include({ kty: 'EC' })
      .and.not.have.property('d');
  });

  it('answers 401 on unknown paths without a token and 404 or 405 with one', async () => {
    const bob = await login('bob', 'bob-password');

    expect((await call('GET', '/api/unknown')).status).to.equal(401);
    expect((await call('GET', '/api/unknown', { token: bob })).status).to.equal(404);
    expect((await call('DELETE', '/api/data', { token: bob })).status).to.equal(405);
  });

  const protectedPaths = ['/api/data', '/api/me', '/api/admin/stats'];

  for (const path of protectedPaths) {
    it(`rejects every bad token on ${path} with 401`, async () => {
      const stranger = await createTestIssuer({ issuer: running.url, audience: 'portico-example' });
      const alice = await login('alice', 'alice-password');
      const [header, payload] = alice.split('.');
      const none = `${base64url.encode('{"alg":"none"}')}.${payload ?? ''}.`;
      const badTokens = [
        undefined,
        await stranger.sign({ sub: 'alice', roles: ['admin'] }),
        await stranger.sign({ sub: 'alice' }, { expiresIn: -60 }),
        none,
        `${header ?? ''}.${payload ?? ''}.AAAA`,
      ];

      const statuses = await Promise.all(
        badTokens.map(
          async (token) => (await call('GET', path, token === undefined ? {} : { token })).status,
        ),
      );
      const head = await call('HEAD', path);

      expect(statuses).to.deep.equal([401, 401, 401, 401, 401]);
      expect(head.status).to.equal(401);
    });
  }
});

describe('example app trusting an external issuer', () => {
  it("accepts the external issuer's tokens and disables login with 404", async () => {
    const external = await createTestIssuer({ audience: 'external-api' });
    await external.listen();
    const running = await startExampleApp(
      readConfig({
        PORT: '0',
        AUTH_ISSUER: external.issuer,
        AUTH_AUDIENCE: 'external-api',
        AUTH_JWKS_URI: external.jwksUri,
        AUTH_ALGORITHMS: 'ES256',
      }),
    );

    try {
      const token = await external.sign({ sub: 'erin', roles: ['admin'] });
      const headers = { authorization: `Bearer ${token}` };
      const me = await fetch(`${running.url}/api/me`, { headers });
      const login = await fetch(`${running.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"alice","password":"alice-password"}',
      });

      expect(await me.json()).to.deep.equal({ sub: 'erin', roles: ['admin'] });
      expect(login.status).to.equal(404);
    } finally {
      await running.close();
      await external.close();
    }
  });
});
