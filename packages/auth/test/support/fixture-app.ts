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
  readonly names: string[] = [];

  record(name: string): void {
    this.names.push(name);
  }

  /** How many handlers ran. */
  get count(): number {
    return this.names.length;
  }
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
    this.calls.record('public');
    return { authenticated: this.security.isAuthenticated };
  }

  @get('/data')
  data() {
    this.calls.record('data');
    return { secret: 'data' };
  }

  @post('/data')
  writeData() {
    this.calls.record('write');
    return { written: true };
  }

  @get('/me')
  me() {
    this.calls.record('me');
    return this.whoAmI.describe();
  }

  @get('/admin')
  @requiresRole('admin')
  admin() {
    this.calls.record('admin');
    return { admin: true };
  }
}

@controller('/open')
@allowAnonymous()
export class OpenController {
  constructor(@inject(HandlerCalls) private readonly calls: HandlerCalls) {}

  @get('/info')
  info() {
    this.calls.record('info');
    return { sub: SecurityContext.current().subject ?? null };
  }
}

export interface Fixture {
  readonly app: PorticoApplication;
  readonly issuer: TestIssuer;
  readonly calls: HandlerCalls;
  readonly container: Container;
}

/** What else a fixture may be built with. */
export interface FixtureSetup {
  /** Use this issuer instead of a fresh one. */
  readonly issuer?: TestIssuer;
  /** Binds or rebinds services before the application is created. */
  readonly prepare?: (container: Container) => void;
}

/** An application with the fixture controllers, trusting a fresh test issuer. */
export async function createFixture(
  overrides: Partial<AuthenticationOptions> = {},
  setup: FixtureSetup = {},
): Promise<Fixture> {
  const issuer = setup.issuer ?? (await createTestIssuer({ audience: 'fixture-api' }));
  const container = new Container();
  const calls = new HandlerCalls();

  container.bind(HandlerCalls).toConstantValue(calls);
  container.bind(WhoAmIService).toSelf().inSingletonScope();
  setup.prepare?.(container);

  const auth = authentication({
    issuer: issuer.issuer,
    audience: issuer.audience,
    algorithms: ['ES256'],
    keys: { jwks: issuer.jwks },
    ...overrides,
  });
  const controllers = [FixtureController, OpenController];
  const app = await createApplication({ controllers, container, use: [auth] });

  return { app, issuer, calls, container };
}
