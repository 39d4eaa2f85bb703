import { setTimeout as delay } from 'node:timers/promises';

import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import { controller, createApplication, get, type PorticoApplication } from '@portico/core';
import request from 'supertest';

import { authentication, principal, SecurityContext } from '../../src/index.js';
import { asUser, createTestIssuer, type TestIssuer } from '../../src/testing/index.js';

/** A singleton that keeps the injected context: it must never capture one caller. */
@injectable()
class AuditService {
  constructor(@inject(SecurityContext) private readonly security: SecurityContext) {}

  async describe(): Promise<{ sub: string | undefined; roles: readonly string[] }> {
    const sub = this.security.subject;
    await delay(Math.floor(Math.random() * 4));
    const roles = this.security.roles;
    await delay(1);

    return { sub: this.security.subject === sub ? sub : 'MIXED', roles };
  }
}

@controller('/iso')
class IsolationController {
  constructor(@inject(AuditService) private readonly audit: AuditService) {}

  @get('/who')
  async who(@principal() caller: SecurityContext) {
    const described = await this.audit.describe();
    return { ...described, parameter: caller.subject };
  }
}

describe('security context isolation under concurrency', () => {
  let issuer: TestIssuer;
  let app: PorticoApplication;

  before(async () => {
    issuer = await createTestIssuer({ audience: 'iso-api' });
    const container = new Container();
    container.bind(AuditService).toSelf().inSingletonScope();
    const auth = authentication({
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ['ES256'],
      keys: { jwks: issuer.jwks },
      cache: { maxEntries: 1000 },
    });
    app = await createApplication({ controllers: [IsolationController], container, use: [auth] });
  });

  it('gives each of 200 concurrent callers (twice) its own identity in a singleton, with the cache on', async () => {
    const callers = Array.from({ length: 200 }, (_, n) => ({ sub: `user-${n}`, roles: [`r${n}`] }));
    const headers = await Promise.all(callers.map((claims) => asUser(issuer, claims)));
    const server = app.callback();

    const responses = await Promise.all(
      [...headers, ...headers].map((value) =>
        request(server).get('/iso/who').set('Authorization', value),
      ),
    );

    const expected = [...callers, ...callers].map(({ sub, roles }) => ({
      sub,
      roles,
      parameter: sub,
    }));
    expect(responses.map((res) => res.body as unknown)).to.deep.equal(expected);
  });
});
