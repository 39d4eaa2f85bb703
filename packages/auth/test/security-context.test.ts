import { expect } from 'chai';
import { controller, createApplication, get, type PorticoApplication } from '@portico/core';
import request from 'supertest';

import { SecurityContext } from '../src/index.js';
import { createTestIssuer, trustIssuer, type TestIssuer } from '../src/testing/index.js';

function tryMutations(): string[] {
  const claims = SecurityContext.current().claims as Record<string, unknown>;
  const attempts: Record<string, () => void> = {
    'add a claim': () => {
      claims['admin'] = true;
    },
    'change sub': () => {
      claims['sub'] = 'mallory';
    },
    'push a nested role': () => {
      (claims['roles'] as string[]).push('admin');
    },
  };

  return Object.entries(attempts)
    .filter(([, attempt]) => {
      try {
        attempt();
        return true;
      } catch {
        return false;
      }
    })
    .map(([name]) => name);
}

@controller('/claims')
class ClaimsController {
  @get('/mutate')
  mutate() {
    return { succeeded: tryMutations(), roles: SecurityContext.current().roles };
  }
}

describe('SecurityContext', () => {
  let issuer: TestIssuer;
  let app: PorticoApplication;

  before(async () => {
    issuer = await createTestIssuer();
    const auth = trustIssuer(issuer, { cache: { maxEntries: 10 } });
    app = await createApplication({ controllers: [ClaimsController], use: [auth] });
  });

  it('keeps the claims deeply immutable, on first verification and on a cache hit', async () => {
    const token = await issuer.sign({ sub: 'bob', roles: ['user'] });
    const call = () =>
      request(app.callback()).get('/claims/mutate').set('Authorization', `Bearer ${token}`);

    const first = await call();
    const cached = await call();

    expect(first.body).to.deep.equal({ succeeded: [], roles: ['user'] });
    expect(cached.body).to.deep.equal({ succeeded: [], roles: ['user'] });
  });

  it('throws ERR_AUTH_NO_REQUEST when read outside of a request', () => {
    const act = () => SecurityContext.current();

    expect(act).to.throw().with.property('code', 'ERR_AUTH_NO_REQUEST');
  });
});
