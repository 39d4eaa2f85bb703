import type { Container } from 'inversify';
import type { Middleware } from 'koa';

import type { Logger } from './logging/logger.js';
import type { OpenApiContributor } from './openapi/openapi-contributor.js';
import type { RouteDefinition } from './routing/route-definition.js';

/** Adds fields to a route's row in the route table (for example its auth mode). */
export type RouteAnnotator = (route: RouteDefinition) => Readonly<Record<string, unknown>>;

/** A function run when the application closes. */
export type ShutdownHook = () => void | Promise<void>;

/**
 * What a plugin may touch while it installs itself. Everything here is public
 * API: a user's own plugin can do whatever `@portico/auth` does.
 */
export interface PluginHost {
  /** The application's container: bind services, rebind framework tokens. */
  readonly container: Container;
  /** The frozen route table, for validating route metadata at start-up. */
  readonly routes: readonly RouteDefinition[];
  /** The application's logger. */
  readonly logger: Logger;
  /** Adds application middleware at the plugin's position in `use`. */
  use(middleware: Middleware): void;
  /** Adds fields to each route's row in the logged route table. */
  annotateRoutes(annotator: RouteAnnotator): void;
  /** Runs `hook` when the application closes. */
  onClose(hook: ShutdownHook): void;
  /** Adds to the generated OpenAPI document (security requirements, schemes …). */
  contributeOpenApi(contributor: OpenApiContributor): void;
}

/**
 * A package that installs itself into an application as one value of the
 * `use` option.
 *
 * @example
 * ```ts
 * const timing: PorticoPlugin = {
 *   name: 'timing',
 *   install(host) { host.use(async (ctx, next) => { … }); },
 * };
 * ```
 */
export interface PorticoPlugin {
  /** A short name for logs and error messages. */
  readonly name: string;
  /**
   * The plugin's identity, named by the metadata keys it enforces
   * (`createMetadataKey(…, { plugin: id })`). Export it from your package.
   */
  readonly id?: symbol;
  /** Binds services and adds middleware; may be async (key discovery). */
  install(host: PluginHost): void | Promise<void>;
}

/** Whether a `use` entry is a plugin rather than plain middleware. */
export function isPlugin(value: unknown): value is PorticoPlugin {
  const candidate = value as Partial<PorticoPlugin> | null;
  return (
    typeof candidate === 'object' && candidate !== null && typeof candidate.install === 'function'
  );
}
