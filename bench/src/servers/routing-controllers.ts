// routing-controllers on Koa, as its README teaches: `@Authorized()` on the
// protected controller, an `authorizationChecker` that verifies with jose, and
// `@CurrentUser()` for the claims.
import 'reflect-metadata';

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { jwtVerify, type JWTPayload } from 'jose';
import type { Context } from 'koa';
import {
  Authorized,
  createKoaServer,
  CurrentUser,
  Get,
  JsonController,
  Param,
  type Action,
} from 'routing-controllers';

import {
  announce,
  importVerifyKey,
  readBearer,
  readBenchEnv,
  verifyOptionsOf,
} from '../bench-env.js';

const config = readBenchEnv();
const key = await importVerifyKey(config);
const verifyOptions = verifyOptionsOf(config);

@JsonController()
class HealthController {
  @Get('/health')
  health() {
    return { status: 'ok' };
  }
}

@Authorized()
@JsonController()
class BenchController {
  @Get('/data')
  data() {
    return { secret: 'data' };
  }

  @Get('/users/:id')
  user(@Param('id') id: string, @CurrentUser() user: JWTPayload) {
    return { id, sub: user.sub };
  }
}

async function authorizationChecker(action: Action): Promise<boolean> {
  const ctx = action.context as Context;
  const token = readBearer(ctx.get('authorization'));

  if (token === undefined) return false;

  try {
    ctx.state['user'] = (await jwtVerify(token, key, verifyOptions)).payload;
    return true;
  } catch {
    return false;
  }
}

const app = createKoaServer({
  controllers: [HealthController, BenchController],
  authorizationChecker,
  currentUserChecker: (action: Action) => (action.context as Context).state['user'] as JWTPayload,
}) as { listen(port: number, host: string, done: () => void): Server };

const server = app.listen(config.port, '127.0.0.1', () => {
  announce('routing-controllers', (server.address() as AddressInfo).port);
});
