// NestJS on its default Express platform: a global guard (APP_GUARD) verifies
// the Bearer token with jose, and `@Public()` opts a route out.
import 'reflect-metadata';

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  Param,
  Req,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { jwtVerify, type JWTPayload } from 'jose';

import {
  announce,
  importVerifyKey,
  readBearer,
  readBenchEnv,
  verifyOptionsOf,
} from '../bench-env.js';

const IS_PUBLIC = 'isPublic';
const Public = () => SetMetadata(IS_PUBLIC, true);

const config = readBenchEnv();
const key = await importVerifyKey(config);
const verifyOptions = verifyOptionsOf(config);

interface AuthedRequest {
  headers: Record<string, string | undefined>;
  user?: JWTPayload;
}

@Injectable()
class JwtGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = readBearer(request.headers['authorization']);

    try {
      if (token === undefined) throw new Error('no token');
      request.user = (await jwtVerify(token, key, verifyOptions)).payload;
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

@Controller()
class BenchController {
  @Get('health')
  @Public()
  health() {
    return { status: 'ok' };
  }

  @Get('data')
  data() {
    return { secret: 'data' };
  }

  @Get('users/:id')
  user(@Param('id') id: string, @Req() request: AuthedRequest) {
    return { id, sub: request.user?.sub };
  }
}

@Module({
  controllers: [BenchController],
  providers: [{ provide: APP_GUARD, useClass: JwtGuard }],
})
class BenchModule {}

// Nest types its options as classes; a plain literal is how its docs pass them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
const app = await NestFactory.create(BenchModule, { logger: false });
await app.listen(config.port, '127.0.0.1');

const server = app.getHttpServer() as Server;
announce('nest', (server.address() as AddressInfo).port);
