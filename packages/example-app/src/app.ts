import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Container } from 'inversify';
import {
  createApplication,
  LOGGER,
  silentLogger,
  type Logger,
  type PorticoApplication,
} from '@portico/core';
import { authentication, type AuthenticationOptions } from '@portico/auth';

import { DEVELOPMENT_AUDIENCE, type ExampleConfig } from './config.js';
import { DataController } from './controllers/data-controller.js';
import { JwksController } from './controllers/jwks-controller.js';
import { LoginController } from './controllers/login-controller.js';
import { StatusController } from './controllers/status-controller.js';
import { DevelopmentIssuer } from './development-issuer.js';
import { ProfileService } from './services/profile-service.js';
import { UserDirectory } from './services/user-directory.js';
import { APP_VERSION, DEVELOPMENT_ISSUER, USER_DIRECTORY } from './tokens.js';

/** A running example app. */
export interface RunningExample {
  readonly url: string;
  readonly app: PorticoApplication;
  close(): Promise<void>;
}

const CONTROLLERS = [StatusController, DataController, LoginController, JwksController];

/** The version field of this package's package.json. */
export function readVersion(): string {
  const manifest = new URL('../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return version;
}

/**
 * Starts the example app on `config.host`:`config.port` (0 picks a free
 * port). The development issuer's `iss` is the server's own URL.
 */
export async function startExampleApp(
  config: ExampleConfig,
  logger: Logger = silentLogger,
): Promise<RunningExample> {
  const server = createServer();
  const url = await listen(server, config.host, config.port);
  const container = new Container();

  container.bind<Logger>(LOGGER).toConstantValue(logger);
  container.bind(APP_VERSION).toConstantValue(readVersion());
  container.bind(ProfileService).toSelf().inSingletonScope();

  const auth = authentication(await configureAuth(config, url, container));
  const app = await createApplication({ controllers: CONTROLLERS, container, use: [auth] });

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Koa handles its own promise
  server.on('request', app.callback());

  return { url, app, close: () => closeServer(server, app) };
}

async function configureAuth(
  config: ExampleConfig,
  url: string,
  container: Container,
): Promise<AuthenticationOptions> {
  if (config.auth.mode === 'external') {
    const { issuer, audience, jwksUri, algorithms } = config.auth;
    const keys = jwksUri === undefined ? { discovery: true as const } : { jwksUri };
    return { issuer, audience, algorithms, keys };
  }

  const issuer = await DevelopmentIssuer.create(url, DEVELOPMENT_AUDIENCE);
  container.bind(DEVELOPMENT_ISSUER).toConstantValue(issuer);
  container.bind(USER_DIRECTORY).toConstantValue(await UserDirectory.create());

  return {
    issuer: url,
    audience: DEVELOPMENT_AUDIENCE,
    algorithms: ['ES256'],
    keys: { jwks: issuer.jwks },
  };
}

async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });

  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${hostPart}:${address.port}`;
}

async function closeServer(server: Server, app: PorticoApplication): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });

  server.closeIdleConnections();
  await closed;
  await app.close();
}
