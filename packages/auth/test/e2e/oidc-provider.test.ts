import type { Server } from 'node:http';

import { expect } from 'chai';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';

import { createFixture, type Fixture } from '../support/fixture-app.js';
import {
  RESOURCE,
  requestAccessToken,
  startProvider,
  stopProvider,
  tamper,
} from '../support/oidc-provider.js';

describe('e2e: oidc-provider issuing JWT access tokens', () => {
  let provider: { server: Server; issuer: string };
  let fixture: Fixture;
  let token: string;

  before(async () => {
    provider = await startProvider();
    fixture = await createFixture({
      issuer: provider.issuer,
      audience: RESOURCE,
      algorithms: ['ES256', 'RS256'],
      keys: { discovery: true },
      typ: 'at+jwt',
    });
    token = await requestAccessToken(provider.issuer);
  });

  after(async () => {
    await stopProvider(provider.server);
  });

  it('obtains an at+jwt access token through a client-credentials grant', () => {
    expect(decodeProtectedHeader(token)).to.include({ alg: 'ES256', typ: 'at+jwt' });
  });

  it('accepts the token in an app configured only with the issuer URL (discovery)', async () => {
    const res = await request(fixture.app.callback())
      .get('/api/data')
      .set('Authorization', `Bearer ${token}`);

    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ secret: 'data' });
  });

  it('rejects the same token with 401 after its payload is tampered with', async () => {
    const before = fixture.calls.count;

    const res = await request(fixture.app.callback())
      .get('/api/data')
      .set('Authorization', `Bearer ${tamper(token)}`);

    expect(res.status).to.equal(401);
    expect(res.headers['www-authenticate']).to.include('error="invalid_token"');
    expect(fixture.calls.count).to.equal(before);
  });
});
