import { expect } from 'chai';
import { jwtVerify } from 'jose';

import { AuthError } from '../../src/errors.js';
import { readVerificationKeys, RemoteKeySet } from '../../src/verification/remote-key-set.js';
import { createTestIssuer, type TestIssuer } from '../../src/testing/index.js';
import { ManualClock, MockFetch } from '../support/mock-fetch.js';
import { rejection } from '../support/rejection.js';

const JWKS_URL = 'https://issuer.test/jwks.json';
const COOLDOWN_MS = 30_000;
const MAX_AGE_MS = 600_000;

describe('RemoteKeySet', () => {
  let clock: ManualClock;
  let mock: MockFetch;
  let issuer: TestIssuer;
  let keySet: RemoteKeySet;

  beforeEach(async () => {
    clock = new ManualClock();
    mock = new MockFetch();
    issuer = await createTestIssuer({ clock: clock.read });
    publish();
    keySet = createKeySet();
  });

  function publish(): void {
    mock.documents.set(JWKS_URL, issuer.jwks);
  }

  function createKeySet(overrides: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
    return new RemoteKeySet({
      locate: () => Promise.resolve(new URL(JWKS_URL)),
      fetch: mock.fetch,
      timeoutMs: overrides.timeoutMs ?? 5000,
      maxResponseBytes: overrides.maxResponseBytes ?? 65_536,
      cooldownMs: COOLDOWN_MS,
      cacheMaxAgeMs: MAX_AGE_MS,
      clock: clock.read,
    });
  }

  async function verify(token: string) {
    const { payload } = await jwtVerify(token, keySet.getKey, {
      currentDate: new Date(clock.now),
    });
    return payload;
  }

  function verifyError(token: string): Promise<unknown> {
    return rejection(verify(token));
  }

  it('fetches lazily on the first token and then serves keys from its cache', async () => {
    const token = await issuer.sign({ sub: 'alice' });
    expect(mock.count).to.equal(0);

    await verify(token);
    await verify(token);

    expect(mock.count).to.equal(1);
  });

  it('makes one request for many concurrent first tokens (single flight)', async () => {
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => issuer.sign({ sub: `u${n}` })));

    await Promise.all(tokens.map(verify));

    expect(mock.count).to.equal(1);
  });

  it('picks up a rotated key on its unknown kid with one refresh', async () => {
    await verify(await issuer.sign());
    await issuer.rotateKey();
    publish();
    clock.advance(COOLDOWN_MS);

    const payload = await verify(await issuer.sign({ sub: 'rotated' }));

    expect(payload.sub).to.equal('rotated');
    expect(mock.count).to.equal(2);
  });

  it('refuses a removed key once a refresh has dropped it', async () => {
    const oldToken = await issuer.sign({ sub: 'old' });
    const oldKid = issuer.kid;
    await verify(oldToken);
    await issuer.rotateKey();
    issuer.retireKey(oldKid);
    publish();
    clock.advance(COOLDOWN_MS);

    await verify(await issuer.sign({ sub: 'new' }));
    const error = await verifyError(oldToken);

    expect((error as { code: string }).code).to.equal('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('treats an unknown kid within the cooldown as unknown, without a request', async () => {
    await verify(await issuer.sign());
    await issuer.rotateKey();
    publish();

    const error = await verifyError(await issuer.sign());

    expect((error as { code: string }).code).to.equal('ERR_JWKS_NO_MATCHING_KEY');
    expect(mock.count).to.equal(1);
  });

  it('makes at most one request per cooldown for a flood of random kids', async () => {
    await verify(await issuer.sign());
    const flood = await Promise.all(
      Array.from({ length: 100 }, (_, n) => issuer.sign({}, { header: { kid: `random-${n}` } })),
    );
    clock.advance(COOLDOWN_MS);

    await Promise.all(flood.map(verifyError));
    await Promise.all(flood.map(verifyError));

    expect(mock.count).to.equal(2);

    clock.advance(COOLDOWN_MS);
    await Promise.all(flood.map(verifyError));

    expect(mock.count).to.equal(3);
  });

  it('keeps verifying with cached keys while the endpoint is down, past their max age', async () => {
    const token = await issuer.sign({}, { expiresIn: 7200 });
    await verify(token);
    mock.mode = 'down';
    clock.advance(MAX_AGE_MS + 1);

    const payload = await verify(token);

    expect(payload.iss).to.equal(issuer.issuer);
    expect(mock.count).to.equal(2);
  });

  it('answers ERR_AUTH_KEYS_UNAVAILABLE for a token that needs a fetch during an outage', async () => {
    await verify(await issuer.sign());
    mock.mode = 'down';
    await issuer.rotateKey();
    clock.advance(COOLDOWN_MS);

    const error = await verifyError(await issuer.sign());

    expect(error).to.be.instanceOf(AuthError);
    expect((error as AuthError).code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
    expect((error as AuthError).status).to.equal(503);
  });

  it('does not retry a failed first fetch within the cooldown', async () => {
    mock.mode = 'down';
    const token = await issuer.sign();

    const first = await verifyError(token);
    const second = await verifyError(token);

    expect((first as AuthError).code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
    expect((second as AuthError).code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
    expect(mock.count).to.equal(1);
  });

  it('recovers after the cooldown once the endpoint is back', async () => {
    mock.mode = 'down';
    const token = await issuer.sign({}, { expiresIn: 3600 });
    await verifyError(token);
    mock.mode = 'ok';
    clock.advance(COOLDOWN_MS);

    const payload = await verify(token);

    expect(payload.iss).to.equal(issuer.issuer);
  });

  it('gives up on an endpoint that does not answer within the timeout', async () => {
    mock.mode = 'hang';
    keySet = createKeySet({ timeoutMs: 10 });

    const error = await verifyError(await issuer.sign());

    expect((error as AuthError).code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
  });

  it('rejects a key document larger than the response size cap', async () => {
    const padding = Array.from({ length: 200 }, () => issuer.jwks.keys[0]);
    mock.documents.set(JWKS_URL, { keys: padding });
    keySet = createKeySet({ maxResponseBytes: 4096 });

    const error = await verifyError(await issuer.sign());

    expect((error as AuthError).code).to.equal('ERR_AUTH_KEYS_UNAVAILABLE');
  });

  it('counts a new generation only when the fetched keys change', async () => {
    await verify(await issuer.sign());
    const first = keySet.generation;
    clock.advance(MAX_AGE_MS);
    await verify(await issuer.sign());
    const unchanged = keySet.generation;
    await issuer.rotateKey();
    publish();
    clock.advance(COOLDOWN_MS);

    await verify(await issuer.sign());

    expect([first, unchanged, keySet.generation]).to.deep.equal([1, 1, 2]);
  });
});

describe('readVerificationKeys', () => {
  it('keeps only public asymmetric signature keys', () => {
    const keys = [
      { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'public' },
      { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'private', kid: 'private' },
      { kty: 'oct', k: 'c2VjcmV0', kid: 'secret' },
      { kty: 'RSA', n: 'n', e: 'AQAB', use: 'enc', kid: 'encryption' },
      'not a key',
    ];

    const jwks = readVerificationKeys({ keys });

    expect(jwks.keys.map((key) => key.kid)).to.deep.equal(['public']);
  });

  it('throws for a document without a keys array', () => {
    expect(() => readVerificationKeys({ keys: 'none' })).to.throw('not a JWKS');
  });
});
