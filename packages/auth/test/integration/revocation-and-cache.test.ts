import { expect } from 'chai';
import { decodeJwt, type JWTPayload } from 'jose';
import request from 'supertest';

import { MemoryRevocationList, REVOCATION_LIST, type RevocationList } from '../../src/index.js';
import { asUser, createTestIssuer, type TestIssuer } from '../../src/testing/index.js';
import { createFixture, type Fixture } from '../support/fixture-app.js';
import { ManualClock } from '../support/mock-fetch.js';

describe('revocation and the verified-token cache', () => {
  let clock: ManualClock;
  let issuer: TestIssuer;

  beforeEach(async () => {
    clock = new ManualClock();
    issuer = await createTestIssuer({ audience: 'fixture-api', clock: clock.read });
  });

  function call(fixture: Fixture, token: string) {
    return request(fixture.app.callback()).get('/api/data').set('Authorization', `Bearer ${token}`);
  }

  function cachedFixture(prepare?: (list: RevocationList) => RevocationList) {
    return createFixture(
      { cache: { maxEntries: 100 }, revocation: true, clock: clock.read },
      {
        issuer,
        prepare: (container) => {
          const list = new MemoryRevocationList(clock.read);
          container.bind(REVOCATION_LIST).toConstantValue(prepare?.(list) ?? list);
        },
      },
    );
  }

  function revocationList(fixture: Fixture): MemoryRevocationList {
    return fixture.container.get<MemoryRevocationList>(REVOCATION_LIST);
  }

  it('rejects a revoked token even when it is cached', async () => {
    const fixture = await cachedFixture();
    const token = await issuer.sign({ sub: 'alice' });
    const { jti, exp } = decodeJwt(token);
    await call(fixture, token);

    revocationList(fixture).revoke(jti!, exp!);
    const res = await call(fixture, token);

    expect(res.status).to.equal(401);
    expect(res.body.code).to.equal('ERR_AUTH_TOKEN_INVALID');
    expect(fixture.calls.count).to.equal(1);
  });

  it('rejects a token without jti when revocation is on', async () => {
    const fixture = await cachedFixture();

    const res = await call(
      fixture,
      await issuer.sign({ sub: 'alice', jti: undefined } as unknown as JWTPayload),
    );

    expect(res.status).to.equal(401);
    expect(fixture.calls.count).to.equal(0);
  });

  it('fails closed with 503 when the revocation list throws', async () => {
    const fixture = await cachedFixture(() => ({
      isRevoked: () => Promise.reject(new Error('store down')),
    }));

    const res = await call(fixture, await issuer.sign({ sub: 'alice' }));

    expect(res.status).to.equal(503);
    expect(res.body.code).to.equal('ERR_AUTH_REVOCATION_UNAVAILABLE');
    expect(fixture.calls.count).to.equal(0);
  });

  it('binds an in-memory revocation list when none is bound', async () => {
    const fixture = await createFixture({ revocation: true }, { issuer });

    expect(fixture.container.get(REVOCATION_LIST)).to.be.instanceOf(MemoryRevocationList);
  });

  it('stops accepting a cached token once it expires', async () => {
    const fixture = await cachedFixture();
    const token = await issuer.sign({ sub: 'alice' }, { expiresIn: 60 });
    const first = await call(fixture, token);

    clock.advance(60_000 + 5_000);
    const second = await call(fixture, token);

    expect([first.status, second.status]).to.deep.equal([200, 401]);
  });

  it('misses and fails for a cached token changed by one character', async () => {
    const fixture = await cachedFixture();
    const token = await issuer.sign({ sub: 'alice' });
    await call(fixture, token);
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const changed = payload.startsWith('a') ? `b${payload.slice(1)}` : `a${payload.slice(1)}`;

    const res = await call(fixture, `${head}.${changed}.${signature}`);

    expect(res.status).to.equal(401);
    expect(fixture.calls.count).to.equal(1);
  });
});

describe('unknownRoutes', () => {
  it("answers 404 without a token under 'not-found'", async () => {
    const fixture = await createFixture({ unknownRoutes: 'not-found' });

    const res = await request(fixture.app.callback()).get('/api/nothing-here');

    expect(res.status).to.equal(404);
  });

  it("still protects known routes under 'not-found'", async () => {
    const fixture = await createFixture({ unknownRoutes: 'not-found' });

    const res = await request(fixture.app.callback()).get('/api/data');

    expect(res.status).to.equal(401);
    expect(fixture.calls.count).to.equal(0);
  });

  it('answers 401 for an unknown path and 405-able method without a token by default', async () => {
    const fixture = await createFixture();

    const res = await request(fixture.app.callback()).delete('/api/data');

    expect(res.status).to.equal(401);
  });
});

describe('SecurityContext outside a request', () => {
  it('throws ERR_AUTH_NO_REQUEST', async () => {
    const { SecurityContext } = await import('../../src/index.js');
    const fixture = await createFixture();
    const injected = fixture.container.get(SecurityContext);

    const error = (() => {
      try {
        return injected.subject;
      } catch (caught) {
        return caught;
      }
    })();

    expect((error as { code?: string }).code).to.equal('ERR_AUTH_NO_REQUEST');
  });
});

describe('asUser', () => {
  it('returns a Bearer header value for the given claims', async () => {
    const issuer = await createTestIssuer();

    const header = await asUser(issuer, { sub: 'alice' });

    expect(decodeJwt(header.replace(/^Bearer /, '')).sub).to.equal('alice');
  });
});
