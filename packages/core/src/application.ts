import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';

import { Container } from 'inversify';
import Koa, { type Middleware } from 'koa';

import { REQUEST_CONTEXT, requestContextAccessor } from './context/request-context-accessor.js';
import {
  defaultErrorFormatter,
  ERROR_FORMATTER,
  type ErrorFormatter,
} from './http/error-formatter.js';
import {
  createOpenApiController,
  type OpenApiOptions,
} from './openapi/create-openapi-controller.js';
import type { OpenApiContributor } from './openapi/openapi-contributor.js';
import {
  createOpenApiGenerator,
  OPENAPI_GENERATOR,
  type OpenApiGenerator,
} from './openapi/openapi-generator.js';
import { resolveRouteMiddleware } from './routing/route-middleware.js';
import { LOGGER, silentLogger, type Logger } from './logging/logger.js';
import { createDispatchStage } from './http/dispatch-stage.js';
import { createErrorBoundary } from './http/error-boundary.js';
import { DEFAULT_BODY_LIMIT } from './http/read-json-body.js';
import { createRequestContextStage } from './http/request-context-stage.js';
import { createRouteResolutionStage } from './http/route-resolution-stage.js';
import {
  isPlugin,
  type PluginHost,
  type PorticoPlugin,
  type RouteAnnotator,
  type ShutdownHook,
} from './plugin.js';
import type { ControllerClass, RouteDefinition } from './routing/route-definition.js';
import { assertNoAmbiguousRoutes } from './routing/assert-no-ambiguous-routes.js';
import { assertNoShadowedRoutes } from './routing/assert-no-shadowed-routes.js';
import { assertRequiredPlugins } from './routing/assert-required-plugins.js';
import { RouteMatcher } from './routing/route-matcher.js';
import { buildRouteTable, type RouteMatchingOptions } from './routing/route-registry.js';
import { closeServer } from './lifecycle/close-server.js';
import { InFlightResponses } from './lifecycle/in-flight-responses.js';
import { applyServerTimeouts, type ServerTimeouts } from './lifecycle/server-timeouts.js';
import { describeTarget } from './metadata/decorator-target.js';
import { bindController } from './di/bind-controller.js';

/** Options of {@link createApplication}. */
export interface ApplicationOptions {
  /** The controller classes whose routes the application serves. */
  readonly controllers: readonly ControllerClass[];
  /** Your container; a new one is made when omitted. */
  readonly container?: Container;
  /** Application middleware and plugins, run in this order after route resolution. */
  readonly use?: readonly (Middleware | PorticoPlugin)[];
  /** Path matching rules, shared by dispatch and every middleware. */
  readonly routing?: RouteMatchingOptions;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  readonly bodyLimit?: number;
  /**
   * Serves the OpenAPI document and a docs page through the controller of
   * {@link createOpenApiController}. To attach metadata to these routes, list
   * a decorated subclass of that controller in `controllers` instead.
   */
  readonly openapi?: OpenApiOptions;
}

/** Where {@link PorticoApplication.listen} binds, and its server timeouts. */
export interface ListenOptions extends ServerTimeouts {
  /** Default `0`: any free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
}

/** Options of {@link PorticoApplication.close}. */
export interface CloseOptions {
  /** How long in-flight requests may take before their connections are cut. Default 10 000. */
  readonly timeoutMs?: number;
}

/** Options of {@link PorticoApplication.enableShutdownSignals}. */
export interface ShutdownSignalOptions extends CloseOptions {
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
}

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** One row of the route table. */
export interface RouteTableRow {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  readonly [annotation: string]: unknown;
}

/**
 * A configured Portico application: a Koa app with the Portico pipeline, its
 * container and its frozen route table.
 */
export class PorticoApplication {
  /** The underlying Koa application. */
  readonly koa: Koa;
  /** The application's container. */
  readonly container: Container;
  /** The frozen route table. */
  readonly routes: readonly RouteDefinition[];
  readonly #annotators: readonly RouteAnnotator[];
  readonly #shutdownHooks: ShutdownHook[];
  readonly #logger: Logger;
  #server: Server | undefined;
  #inFlight: InFlightResponses | undefined;
  #shuttingDown = false;

  /** @internal Use {@link createApplication}. */
  constructor(parts: {
    koa: Koa;
    container: Container;
    routes: readonly RouteDefinition[];
    annotators: readonly RouteAnnotator[];
    shutdownHooks: readonly ShutdownHook[];
    logger: Logger;
  }) {
    this.koa = parts.koa;
    this.container = parts.container;
    this.routes = parts.routes;
    this.#annotators = parts.annotators;
    this.#shutdownHooks = [...parts.shutdownHooks];
    this.#logger = parts.logger;
  }

  /** The route table as data, with every plugin's annotations. */
  get routeTable(): readonly RouteTableRow[] {
    return this.routes.map((route) => {
      const row: Record<string, unknown> = {};

      for (const annotate of this.#annotators) Object.assign(row, annotate(route));

      const handler = describeTarget(route.controller, route.handlerName);
      return { ...row, method: route.method, path: route.path, handler };
    });
  }

  /** A request listener for `http.createServer` or supertest. */
  callback(): ReturnType<Koa['callback']> {
    return this.koa.callback();
  }

  /** The server started by {@link listen}, if any. */
  get server(): Server | undefined {
    return this.#server;
  }

  /** Whether {@link close} has begun; report "not ready" from readiness probes when true. */
  get isShuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /**
   * Starts an HTTP server on `127.0.0.1` and a free port unless told otherwise.
   *
   * @returns the bound address
   * @throws TypeError for a timeout that is not a positive whole number
   */
  async listen(options: ListenOptions = {}): Promise<AddressInfo> {
    // Node enforces request and header timeouts on this interval (default 30 s).
    const server = createServer({ connectionsCheckingInterval: 1000 });
    this.serve(server, options);

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
    });

    return server.address() as AddressInfo;
  }

  /**
   * Serves requests arriving at `server`, which may already be listening (for
   * example to learn its port before the application is built). The
   * application then owns the server: {@link close} shuts it down gracefully.
   *
   * @throws TypeError when the application already serves a server
   */
  serve(server: Server, timeouts: ServerTimeouts = {}): void {
    if (this.#server !== undefined) {
      throw new TypeError('PorticoApplication.serve: the application already serves a server.');
    }

    const handle = this.callback();
    const inFlight = new InFlightResponses();
    server.on('request', (req, res) => {
      // Keep-alive clients reconnect elsewhere instead of reusing a closing server.
      if (this.#shuttingDown) res.setHeader('Connection', 'close');
      else inFlight.add(res);
      void handle(req, res);
    });
    applyServerTimeouts(server, timeouts);
    this.#server = server;
    this.#inFlight = inFlight;
  }

  /**
   * Shuts down gracefully: stops accepting connections, closes idle keep-alive
   * connections, lets in-flight requests finish within `timeoutMs` (then cuts
   * them), and runs the shutdown hooks of plugins. Safe to call twice.
   */
  async close(options: CloseOptions = {}): Promise<void> {
    const server = this.#server;
    const inFlight = this.#inFlight;
    this.#server = undefined;
    this.#inFlight = undefined;
    this.#shuttingDown = true;

    if (server !== undefined) {
      await closeServer(server, options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS, inFlight);
    }

    for (const hook of this.#shutdownHooks.splice(0)) await hook();
  }

  /**
   * Closes the application on `SIGTERM` or `SIGINT`. Opt-in, so that tests and
   * libraries embedding the app keep control of the process.
   *
   * @returns a function that removes the signal handlers again
   */
  enableShutdownSignals(options: ShutdownSignalOptions = {}): () => void {
    const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    const onSignal = (): void => {
      removeAll();
      this.close(options).catch((error: unknown) => {
        this.#logger.error({ err: error }, 'shutdown failed');
      });
    };
    const removeAll = (): void => {
      signals.forEach((signal) => process.removeListener(signal, onSignal));
    };

    signals.forEach((signal) => process.once(signal, onSignal));
    return removeAll;
  }
}

/**
 * Builds an application from controllers, middleware and plugins. Fails fast:
 * invalid routes and plugin configuration throw here, not on a request.
 *
 * @throws CoreError `ERR_CORE_INVALID_DEFINITION`, `ERR_CORE_DUPLICATE_ROUTE`
 * @example
 * ```ts
 * const app = await createApplication({
 *   controllers: [NotesController],
 *   use: [authentication({ issuer, audience, keys })],
 * });
 * await app.listen({ port: 3000 });
 * ```
 */
export async function createApplication(options: ApplicationOptions): Promise<PorticoApplication> {
  const bodyLimit = resolveBodyLimit(options.bodyLimit);
  const container = options.container ?? new Container();
  const controllers = listControllers(options);
  const routes = buildRouteTable(controllers, options.routing);
  const matcher = new RouteMatcher(routes, options.routing);

  assertNoShadowedRoutes(routes, matcher);
  assertNoAmbiguousRoutes(routes, options.routing?.caseSensitive ?? true);
  bindDefaults(container, controllers);

  const logger = container.get<Logger>(LOGGER);
  const installed = await installUse(options.use ?? [], { container, routes, logger });
  bindOpenApiGenerator(container, routes, installed.contributors);

  const koa = buildPipeline({ container, logger, matcher, routes, bodyLimit, installed });
  const { annotators, shutdownHooks } = installed;
  const app = new PorticoApplication({ koa, container, routes, annotators, shutdownHooks, logger });

  logger.info({ routes: app.routeTable }, 'route table');
  return app;
}

/** What the `use` entries contributed, in order. */
interface Installed {
  readonly middleware: Middleware[];
  readonly annotators: RouteAnnotator[];
  readonly shutdownHooks: ShutdownHook[];
  readonly contributors: OpenApiContributor[];
}

type HostBase = Pick<PluginHost, 'container' | 'routes' | 'logger'>;

/** Installs plugins and collects plain middleware, keeping their order. */
async function installUse(
  entries: readonly (Middleware | PorticoPlugin)[],
  base: HostBase,
): Promise<Installed> {
  const installed: Installed = {
    middleware: [],
    annotators: [],
    shutdownHooks: [],
    contributors: [],
  };
  const host: PluginHost = {
    ...base,
    use: (each) => installed.middleware.push(each),
    annotateRoutes: (annotator) => installed.annotators.push(annotator),
    onClose: (hook) => installed.shutdownHooks.push(hook),
    contributeOpenApi: (contributor) => installed.contributors.push(contributor),
  };

  const plugins = entries.filter((entry) => isPlugin(entry));
  const pluginIds = plugins.flatMap((plugin) => (plugin.id === undefined ? [] : [plugin.id]));
  assertRequiredPlugins(base.routes, new Set(pluginIds));

  for (const entry of entries) {
    if (isPlugin(entry)) await entry.install(host);
    else installed.middleware.push(assertMiddleware(entry));
  }

  return installed;
}

function bindOpenApiGenerator(
  container: Container,
  routes: readonly RouteDefinition[],
  contributors: readonly OpenApiContributor[],
): void {
  if (container.isBound(OPENAPI_GENERATOR)) return;

  const generator = createOpenApiGenerator(routes, contributors);
  container.bind<OpenApiGenerator>(OPENAPI_GENERATOR).toConstantValue(generator);
}

interface PipelineParts {
  readonly container: Container;
  readonly logger: Logger;
  readonly matcher: RouteMatcher;
  readonly routes: readonly RouteDefinition[];
  readonly bodyLimit: number;
  readonly installed: Installed;
}

/** The Koa app with the stages of DESIGN.md, in their published order. */
function buildPipeline(parts: PipelineParts): Koa {
  const { container, logger, matcher, routes, bodyLimit } = parts;
  const routeMiddleware = (route: RouteDefinition) => resolveRouteMiddleware(route, container);
  const koa = new Koa();

  koa.use(createErrorBoundary(logger, container.get<ErrorFormatter>(ERROR_FORMATTER)));
  koa.use(createRequestContextStage(logger));
  koa.use(createRouteResolutionStage(matcher));
  parts.installed.middleware.forEach((each) => koa.use(each));
  koa.use(createDispatchStage(routes, { container, bodyLimit, routeMiddleware }));

  return koa;
}

function listControllers(options: ApplicationOptions): readonly ControllerClass[] {
  if (options.openapi === undefined) return options.controllers;

  return [...options.controllers, createOpenApiController(options.openapi)];
}

function resolveBodyLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_BODY_LIMIT;

  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError(`createApplication: "bodyLimit" must be a whole number of bytes.`);
  }

  return limit;
}

function assertMiddleware(entry: unknown): Middleware {
  if (typeof entry !== 'function') {
    throw new TypeError('createApplication: each "use" entry must be a middleware or a plugin.');
  }

  return entry as Middleware;
}

function bindDefaults(container: Container, controllers: readonly ControllerClass[]): void {
  if (!container.isBound(LOGGER)) container.bind<Logger>(LOGGER).toConstantValue(silentLogger);

  if (!container.isBound(ERROR_FORMATTER)) {
    container.bind<ErrorFormatter>(ERROR_FORMATTER).toConstantValue(defaultErrorFormatter);
  }

  if (!container.isBound(REQUEST_CONTEXT)) {
    container.bind(REQUEST_CONTEXT).toConstantValue(requestContextAccessor);
  }

  for (const controller of controllers) bindController(container, controller);
}
