import { createPublicKey, type JsonWebKey } from 'node:crypto';

import { expect } from 'chai';
import request from 'supertest';

import { asUser, createTestIssuer, type TestIssuer } from '../../src/testing/index.js';
import { createFixture, type Fixture } from '../support/fixture-app.js';
import { ManualClock } from '../support/mock-fetch.js';

const COOLDOWN_MS = 30_000;

describe('key sources against a loopback issuer', () => {
  let clock: ManualClock;
  let issuer: TestIssuer;

  beforeEach(async () => {
    clock = new ManualClock(Date.now());
    issuer = await createTestIssuer({ audience: 'fixture-api', clock: clock.read });
    await issuer.listen();
  });

  afterEach(async () => {
    await issuer.close();
  });

  function remoteFixture(keys: 'jwksUri' | 'discovery'): Promise<Fixture> {
    const source = keys === 'jwksUri' ? { jwksUri: issuer.jwksUri } : { discovery: true as const };
    return createFixture(
      { issuer: issuer.issuer, keys: { ...source, cooldownMs: COOLDOWN_MS }, clock: clock.read },
      { issuer },
    );
  }

  async function call(fixture: Fixture, authorization: string) {
    return request(fixture.app.callback()).get('/api/data').set('Authorization', authorization);
  }

  it('verifies with keys from a JWKS URL, fetched once for many requests', async () => {
    const fixture = await remoteFixture('jwksUri');

    const first = await call(fixture, await asUser(issuer, { sub: 'alice' }));
    const second = await call(fixture, await asUser(issuer, { sub: 'bob' }));

    expect([first.status, second.status]).to.deep.equal([200, 200]);
    expect(issuer.requests).to.deep.equal(['/.well-known/jwks.json']);
  });

  it('verifies with keys found through the issuer discovery document', async () => {
    const fixture = await remoteFixture('discovery');

    const res = await call(fixture, await asUser(issuer, { sub: 'alice' }));

    expect(res.status).to.equal(200);
    expect(issuer.requests).to.deep.equal([
      '/.well-known/openid-configuration',
      '/.well-known/jwks.json',
    ]);
  });

  it('keeps accepting tokens with cached keys while the issuer is down', async () => {
    const fixture = await remoteFixture('jwksUri');
    await call(fixture, await asUser(issuer));
    await issuer.close();
    clock.advance(3_600_000);

    const res = await call(fixture, await asUser(issuer, { sub: 'alice' }));

    expect(res.status).to.equal(200);
  });

  it('answers 503 without running the handler for a token that needs keys during an outage', async () => {
    const fixture = await remoteFixture('jwksUri');
    await call(fixture, await asUser(issuer));
    await issuer.close();
    await issuer.rotateKey();
    clock.advance(COOLDOWN_MS);

    const res = await call(fixture, await asUser(issuer, { sub: 'alice' }));

    expect(res.status).to.equal(503);
    expect(res.body.code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
    expect(res.headers['retry-after']).to.equal('30');
    expect(fixture.calls.names).to.deep.equal(['data']);
  });

  it('answers 503, not 500 or a hang, when the issuer was never reachable', async () => {
    const fixture = await remoteFixture('discovery');
    await issuer.close();

    const res = await call(fixture, await asUser(issuer));

    expect(res.status).to.equal(503);
    expect(fixture.calls.count).to.equal(0);
  });

  it('accepts a rotated key and refuses a retired one after the refresh', async () => {
    const fixture = await remoteFixture('jwksUri');
    const oldToken = await asUser(issuer, { sub: 'old' });
    await call(fixture, oldToken);
    const oldKid = issuer.kid;
    await issuer.rotateKey();
    issuer.retireKey(oldKid);
    clock.advance(COOLDOWN_MS);

    const rotated = await call(fixture, await asUser(issuer, { sub: 'new' }));
    const retired = await call(fixture, oldToken);

    expect([rotated.status, retired.status]).to.deep.equal([200, 401]);
    expect(issuer.requests).to.have.length(2);
  });

  it('fetches at most once per cooldown for a flood of random kids', async () => {
    const fixture = await remoteFixture('jwksUri');
    await call(fixture, await asUser(issuer));
    clock.advance(COOLDOWN_MS);
    const flood = await Promise.all(
      Array.from({ length: 50 }, (_, n) => asUser(issuer, {}, { header: { kid: `kid-${n}` } })),
    );

    const responses = await Promise.all(flood.map((each) => call(fixture, each)));

    expect(new Set(responses.map((res) => res.status))).to.deep.equal(new Set([401]));
    expect(issuer.requests).to.have.length(2);
    expect(fixture.calls.count).to.equal(1);
  });
});

function toPem(issuer: TestIssuer): string {
  const jwk = issuer.jwks.keys[0]!;
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  return key.export({ format: 'pem', type: 'spki' }) as string;
}

describe('key sources from local public keys', () => {
  it('verifies with a PEM public key, whatever kid the token names', async () => {
    const issuer = await createTestIssuer({ audience: 'fixture-api' });
    const fixture = await createFixture({ keys: { publicKeys: [toPem(issuer)] } }, { issuer });

    const res = await request(fixture.app.callback())
      .get('/api/data')
      .set('Authorization', await asUser(issuer));

    expect(res.status).to.equal(200);
  });

  it('tries each of several PEM keys of the same type', async () => {
    const other = await createTestIssuer({ audience: 'fixture-api' });
    const issuer = await createTestIssuer({ audience: 'fixture-api' });
    const keys = { publicKeys: [toPem(other), toPem(issuer)] };
    const fixture = await createFixture({ keys }, { issuer });

    const res = await request(fixture.app.callback())
      .get('/api/data')
      .set('Authorization', await asUser(issuer));

    expect(res.status).to.equal(200);
  });
});
