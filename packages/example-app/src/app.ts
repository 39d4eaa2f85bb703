import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
import { ApiDocsController } from './controllers/api-docs-controller.js';
import { DataController } from './controllers/data-controller.js';
import { JwksController } from './controllers/jwks-controller.js';
import { LoginController } from './controllers/login-controller.js';
import { NotesController } from './controllers/notes-controller.js';
import { StatusController } from './controllers/status-controller.js';
import { DevelopmentIssuer } from './development-issuer.js';
import { InMemoryNotesRepository } from './notes/in-memory-notes-repository.js';
import { NOTES_REPOSITORY, type NotesRepository } from './notes/notes-repository.js';
import { NotesService } from './notes/notes-service.js';
import { ProfileService } from './services/profile-service.js';
import { UserDirectory } from './services/user-directory.js';
import { APP_VERSION, DEVELOPMENT_ISSUER, USER_DIRECTORY } from './tokens.js';
import { readVersion } from './version.js';

/** A running example app. */
export interface RunningExample {
  readonly url: string;
  readonly app: PorticoApplication;
  close(): Promise<void>;
}

const CONTROLLERS = [
  StatusController,
  DataController,
  NotesController,
  LoginController,
  JwksController,
  ApiDocsController,
];

/** Largest accepted request body: a note of 10 000 characters fits many times over. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Starts the example app on `config.host`:`config.port` (0 picks a free
 * port). The development issuer's `iss` is the server's own URL.
 */
export async function startExampleApp(
  config: ExampleConfig,
  logger: Logger = silentLogger,
): Promise<RunningExample> {
  // Node checks request and header timeouts on this interval (default 30 s).
  const server = createServer({ connectionsCheckingInterval: 1000 });
  const url = await listen(server, config.host, config.port);

  // The issuer is the server's own URL, so the port is bound before the app
  // exists; requests arriving meanwhile get a 503 rather than no answer.
  server.on('request', answerStarting);

  try {
    const app = await buildApp(config, url, logger);
    server.removeListener('request', answerStarting);
    app.serve(server);
    return { url, app, close: () => app.close() };
  } catch (error) {
    server.close();
    throw error;
  }
}

function answerStarting(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1' });
  const code = 'ERR_EXAMPLE_STARTING';
  const type = `urn:portico:problem:${code}`;
  res.end(JSON.stringify({ type, title: 'Service Unavailable', status: 503, code }));
}

async function buildApp(
  config: ExampleConfig,
  url: string,
  logger: Logger,
): Promise<PorticoApplication> {
  const container = new Container();

  container.bind<Logger>(LOGGER).toConstantValue(logger);
  container.bind(APP_VERSION).toConstantValue(readVersion());
  container.bind(ProfileService).toSelf().inSingletonScope();
  container.bind<NotesRepository>(NOTES_REPOSITORY).to(InMemoryNotesRepository).inSingletonScope();
  container.bind(NotesService).toSelf().inSingletonScope();

  const auth = authentication(await configureAuth(config, url, container));
  return createApplication({
    controllers: CONTROLLERS,
    container,
    use: [auth],
    bodyLimit: BODY_LIMIT_BYTES,
  });
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
