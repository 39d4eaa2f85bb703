// Portico built the way the README teaches: a controller in the container,
// deny-by-default authentication, `@allowAnonymous` on /health, and a singleton
// service that reads the caller through `SecurityContext`. `/scoped` is an extra
// anonymous route whose controller and service are request-scoped, to price
// the request scope when it is used.
import 'reflect-metadata';

import type { JWK } from 'jose';
import { Container, inject, injectable } from 'inversify';
import { bindRequestScoped, controller, createApplication, get, param } from '@portico/core';
import { allowAnonymous, authentication, SecurityContext } from '@portico/auth';

import { announce, readBenchEnv, type BenchEnv } from '../bench-env.js';

@injectable()
class UserService {
  constructor(@inject(SecurityContext) private readonly security: SecurityContext) {}

  currentSub(): string | undefined {
    return this.security.subject;
  }
}

@controller('')
class BenchController {
  constructor(@inject(UserService) private readonly users: UserService) {}

  @get('/health')
  @allowAnonymous()
  health() {
    return { status: 'ok' };
  }

  @get('/data')
  data() {
    return { secret: 'data' };
  }

  @get('/users/:id')
  user(@param('id') id: string) {
    return { id, sub: this.users.currentSub() };
  }
}

/** Built once per request that uses it, then dropped. */
@injectable()
class RequestStamp {
  readonly createdAt = performance.now();
}

@controller('')
class ScopedController {
  constructor(@inject(RequestStamp) private readonly stamp: RequestStamp) {}

  @get('/scoped')
  @allowAnonymous()
  scoped() {
    return { status: 'ok', fresh: this.stamp.createdAt > 0 };
  }
}

function keysFor(config: BenchEnv) {
  if (config.alg === 'HS256') return { secret: Buffer.from(config.key, 'base64url') };

  return { jwks: { keys: [JSON.parse(config.key) as JWK] } };
}

const config = readBenchEnv();
const container = new Container();
container.bind(UserService).toSelf().inSingletonScope();
bindRequestScoped(container, RequestStamp);
bindRequestScoped(container, ScopedController);

const auth = authentication({
  issuer: config.issuer,
  audience: config.audience,
  algorithms: [config.alg],
  allowSymmetric: config.alg === 'HS256',
  keys: keysFor(config),
  // The opt-in verified-token cache, with the README's example limits.
  ...(process.env['BENCH_TOKEN_CACHE'] === '1'
    ? { cache: { maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 } }
    : {}),
});
const app = await createApplication({
  controllers: [BenchController, ScopedController],
  container,
  use: [auth],
});
const address = await app.listen({ port: config.port, host: '127.0.0.1' });
announce('portico', address.port);
