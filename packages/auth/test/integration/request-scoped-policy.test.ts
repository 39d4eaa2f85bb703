import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import { bindRequestScoped, controller, createApplication, get } from '@portico/core';
import request from 'supertest';

import {
  authentication,
  authorize,
  requiresRole,
  SecurityContext,
  type AuthorizationPolicy,
} from '../../src/index.js';
import { asUser, createTestIssuer } from '../../src/testing/index.js';

/** Request-scoped: remembers the caller of the request that created it. */
@injectable()
class CallerBox {
  readonly sub = SecurityContext.current().subject;
}

/** Allows only alice, judged through a request-scoped dependency. */
@injectable()
class OnlyAlice implements AuthorizationPolicy {
  constructor(@inject(CallerBox) private readonly box: CallerBox) {}

  authorize(): boolean {
    return this.box.sub === 'alice';
  }
}

@controller('/guarded')
class GuardedController {
  @get('/')
  @authorize(OnlyAlice)
  read() {
    return { ok: true };
  }
}

describe('@authorize with a request-scoped dependency (regression: red-team finding 1)', () => {
  it('judges every caller by their own request, whoever came first', async () => {
    const issuer = await createTestIssuer();
    const container = new Container();
    bindRequestScoped(container, CallerBox);
    const auth = authentication({
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ['ES256'],
      keys: { jwks: issuer.jwks },
    });
    const app = await createApplication({
      controllers: [GuardedController],
      container,
      use: [auth],
    });
    const call = async (sub: string) =>
      request(app.callback())
        .get('/guarded')
        .set('Authorization', await asUser(issuer, { sub }));

    const statuses = [];
    for (const sub of ['alice', 'bob', 'mallory', 'alice']) statuses.push((await call(sub)).status);

    expect(statuses).to.deep.equal([200, 403, 403, 200]);
  });
});

@controller('/base')
@requiresRole('admin')
class AdminBase {
  @get('/secret')
  secret() {
    return { secret: true };
  }
}

@controller('/sub')
@requiresRole('user')
class WeakerSubclass extends AdminBase {}

describe('inherited requirements (regression: red-team finding 3)', () => {
  it('keeps a base class role when a subclass adds its own', async () => {
    const issuer = await createTestIssuer();
    const auth = authentication({
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ['ES256'],
      keys: { jwks: issuer.jwks },
    });
    const app = await createApplication({ controllers: [WeakerSubclass], use: [auth] });
    const call = async (roles: string[]) =>
      request(app.callback())
        .get('/sub/secret')
        .set('Authorization', await asUser(issuer, { sub: 'bob', roles }));

    const statuses = [(await call(['user'])).status, (await call(['user', 'admin'])).status];

    expect(statuses).to.deep.equal([403, 200]);
  });
});
