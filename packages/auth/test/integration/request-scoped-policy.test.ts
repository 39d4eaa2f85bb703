import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import { bindRequestScoped, controller, createApplication, get } from '@portico/core';
import request from 'supertest';

import {
  allowAnonymous,
  authorize,
  requiresRole,
  SecurityContext,
  type AuthorizationPolicy,
} from '../../src/index.js';
import { asUser, createTestIssuer, trustIssuer } from '../../src/testing/index.js';

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
    const auth = trustIssuer(issuer);
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
    const auth = trustIssuer(issuer);
    const app = await createApplication({ controllers: [WeakerSubclass], use: [auth] });
    const call = async (roles: string[]) =>
      request(app.callback())
        .get('/sub/secret')
        .set('Authorization', await asUser(issuer, { sub: 'bob', roles }));

    const statuses = [(await call(['user'])).status, (await call(['user', 'admin'])).status];

    expect(statuses).to.deep.equal([403, 200]);
  });
});

@controller('/vault')
@requiresRole('admin')
class VaultBase {
  @get('/open')
  @allowAnonymous()
  open() {
    return { open: true };
  }

  @get('/secret')
  secret() {
    return { secret: true };
  }
}

@controller('/leaky')
class LeakySubclass extends VaultBase {
  @get('/secret')
  @allowAnonymous()
  override secret() {
    return { secret: true };
  }
}

describe('method @allowAnonymous across the class chain (red-team round 2, finding 4)', () => {
  async function start(controllers: (typeof VaultBase)[]) {
    const issuer = await createTestIssuer();
    const auth = trustIssuer(issuer);
    return createApplication({ controllers, use: [auth] });
  }

  it('lets a method lift the requirements of its own class', async () => {
    const app = await start([VaultBase]);

    const res = await request(app.callback()).get('/vault/open');

    expect(res.status).to.equal(200);
  });

  it('refuses to start when a subclass method tries to lift a base class requirement', async () => {
    const error: unknown = await start([LeakySubclass]).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).to.have.property('code', 'ERR_AUTH_INVALID_DEFINITION');
    expect((error as Error).message).to.include('VaultBase');
  });
});
