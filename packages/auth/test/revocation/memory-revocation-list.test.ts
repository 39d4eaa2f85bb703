import { expect } from 'chai';

import { MemoryRevocationList } from '../../src/revocation/memory-revocation-list.js';
import { ManualClock } from '../support/mock-fetch.js';
import { thrown } from '../support/rejection.js';

describe('MemoryRevocationList', () => {
  it('reports a revoked jti until the token would have expired', () => {
    const clock = new ManualClock();
    const list = new MemoryRevocationList(clock.read);
    list.revoke('jti-1', clock.now / 1000 + 60);

    const before = list.isRevoked('jti-1');
    clock.advance(60_000);
    const after = list.isRevoked('jti-1');

    expect([before, after]).to.deep.equal([true, false]);
    expect(list.size).to.equal(0);
  });

  it('forgets expired ids when new ones are revoked', () => {
    const clock = new ManualClock();
    const list = new MemoryRevocationList(clock.read);
    list.revoke('old', clock.now / 1000 + 1);
    clock.advance(2000);

    list.revoke('new', clock.now / 1000 + 60);

    expect(list.size).to.equal(1);
  });

  it('rejects an empty jti with a TypeError', () => {
    const list = new MemoryRevocationList();

    expect(
      thrown(() => {
        list.revoke('', 1);
      }),
    ).to.be.instanceOf(TypeError);
  });
});
