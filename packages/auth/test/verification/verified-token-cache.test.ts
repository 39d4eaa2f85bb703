import { expect } from 'chai';

import { VerifiedTokenCache } from '../../src/verification/verified-token-cache.js';

const NOW = Date.UTC(2026, 0, 1);
const NOW_S = NOW / 1000;

function createCache(maxEntries = 10, maxBytes = 1_000_000) {
  return new VerifiedTokenCache({ maxEntries, maxBytes });
}

describe('VerifiedTokenCache', () => {
  it('returns the claims of a cached token before its exp', () => {
    const cache = createCache();
    cache.set('token-a', { sub: 'a', exp: NOW_S + 60 }, 1, 0);

    const hit = cache.get('token-a', NOW + 59_999, 1);

    expect(hit?.sub).to.equal('a');
  });

  it('never serves an entry at or after the token exp', () => {
    const cache = createCache();
    cache.set('token-a', { sub: 'a', exp: NOW_S + 60 }, 1, 0);

    const hit = cache.get('token-a', NOW + 60_000, 1);

    expect(hit).to.equal(undefined);
    expect(cache.size).to.equal(0);
  });

  it('does not serve an entry before the token nbf minus the tolerance', () => {
    const cache = createCache();
    cache.set('token-a', { exp: NOW_S + 600, nbf: NOW_S + 60 }, 1, 5000);

    const early = cache.get('token-a', NOW + 54_999, 1);
    const onTime = cache.get('token-a', NOW + 55_000, 1);

    expect([early, onTime?.nbf]).to.deep.equal([undefined, NOW_S + 60]);
  });

  it('misses for a token that differs by one character', () => {
    const cache = createCache();
    cache.set('header.payload.signature', { exp: NOW_S + 60 }, 1, 0);

    const hit = cache.get('header.payloaD.signature', NOW, 1);

    expect(hit).to.equal(undefined);
  });

  it('drops everything when the key set generation changes', () => {
    const cache = createCache();
    cache.set('token-a', { exp: NOW_S + 60 }, 1, 0);

    const hit = cache.get('token-a', NOW, 2);

    expect(hit).to.equal(undefined);
    expect(cache.size).to.equal(0);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createCache(2);
    cache.set('a', { exp: NOW_S + 60 }, 1, 0);
    cache.set('b', { exp: NOW_S + 60 }, 1, 0);
    cache.get('a', NOW, 1);

    cache.set('c', { exp: NOW_S + 60 }, 1, 0);

    expect(['a', 'b', 'c'].map((key) => cache.get(key, NOW, 1) !== undefined)).to.deep.equal([
      true,
      false,
      true,
    ]);
  });

  it('stays within maxBytes', () => {
    const cache = createCache(1000, 4096);

    for (let index = 0; index < 100; index++) {
      cache.set(`token-${index}`, { exp: NOW_S + 60, data: 'x'.repeat(100) }, 1, 0);
    }

    expect(cache.size).to.be.within(1, 10);
  });

  it('does not cache a token without exp', () => {
    const cache = createCache();

    cache.set('token-a', { sub: 'a' }, 1, 0);

    expect(cache.size).to.equal(0);
  });
});
