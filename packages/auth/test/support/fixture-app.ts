import { setTimeout as delay } from 'node:timers/promises';

import { Container, inject, injectable } from 'inversify';
import { controller, createApplication, get, post, type PorticoApplication } from '@portico/core';

import {
  allowAnonymous,
  authentication,
  requiresRole,
  SecurityContext,
  type AuthenticationOptions,
} from '../../src/index.js';
import { createTestIssuer, type TestIssuer } from '../../src/testing/index.js';

/** Counts handler calls, so tests can assert a rejected request never ran one. */
export class HandlerCalls {
  count = 0;
}

@injectable()
export class WhoAmIService {
  async describe(): Promise<{ sub: string | undefined; roles: readonly string[] }> {
    // Awaits between reads must not lose or mix up the caller.
    await delay(Math.floor(Math.random() * 5));
    const caller = SecurityContext.current();
    await delay(1);
    return { sub: caller.subject, roles: caller.roles };
  }
}

@controller('/api')
export class FixtureController {
  constructor(
    @inject(HandlerCalls) private readonly calls: HandlerCalls,
    @inject(WhoAmIService) private readonly whoAmI: WhoAmIService,
    @inject(SecurityContext) private readonly security: SecurityContext,
  ) {}

  @get('/public')
  @allowAnonymous()
  publicRoute() {
    this.calls.count++;
    return { authenticated: this.security.isAuthenticated };
  }

  @get('/data')
  data() {
    this.calls.count++;
    return { secret: 'data' };
  }

  @post('/data')
  writeData() {
    this.calls.count++;
    return { written: true };
  }

  @get('/me')
  me() {
    this.calls.count++;
    return this.whoAmI.describe();
  }

  @get('/admin')
  @requiresRole('admin')
  admin() {
    this.calls.count++;
    return { admin: true };
  }
}

@controller('/open')
@allowAnonymous()
export class OpenController {
  constructor(@inject(HandlerCalls) private readonly calls: HandlerCalls) {}

  @get('/info')
  info() {
    this.calls.count++;
    return { sub: SecurityContext.current().subject ?? null };
  }
}

export interface Fixture {
  readonly app: PorticoApplication;
  readonly issuer: TestIssuer;
  readonly calls: HandlerCalls;
}

/** An application with the fixture controllers, trusting a fresh test issuer. */
export async function createFixture(
  overrides: Partial<AuthenticationOptions> = {},
): Promise<Fixture> {
  const issuer = await createTestIssuer({ audience: 'fixture-api' });
  const container = new Container();
  const calls = new HandlerCalls();

  container.bind(HandlerCalls).toConstantValue(calls);
  container.bind(WhoAmIService).toSelf().inSingletonScope();

  const auth = authentication({
    issuer: issuer.issuer,
    audience: issuer.audience,
    algorithms: ['ES256'],
    keys: { jwks: issuer.jwks },
    ...overrides,
  });
  const controllers = [FixtureController, OpenController];
  const app = await createApplication({ controllers, container, use: [auth] });

  return { app, issuer, calls };
}
