import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Newable } from 'inversify';

import type { ParamResolver, ParamSource } from '../decorators/params.js';
import type { MethodName } from '../metadata/metadata-store.js';
import type { Coercion } from '../validation/coercion.js';
import type { RouteMetadata } from './route-metadata.js';

/** A class that can be constructed, as controllers are. */
export type ControllerClass = Newable<object>;

/** One handler parameter, ready to bind. */
export interface ParamBinding {
  readonly index: number;
  readonly source: ParamSource;
  readonly name: string | undefined;
  readonly schema: StandardSchemaV1 | undefined;
  readonly resolve: ParamResolver | undefined;
  /** The declared TypeScript type (`Number`, `String` …) from `design:paramtypes`. */
  readonly designType: unknown;
  /** How request strings are converted before validation, from the schema or the design type. */
  readonly coercion: Coercion | undefined;
}

/**
 * One route of the frozen route table: an HTTP method and a full path bound to
 * a controller method, with its parameters and extension metadata.
 */
export interface RouteDefinition {
  /** `METHOD /full/path`, unique in the table. */
  readonly id: string;
  /** The HTTP method; `ALL` answers every method. `GET` routes also answer `HEAD`. */
  readonly method: string;
  /** The full path pattern, controller prefix included, in `@koa/router` syntax. */
  readonly path: string;
  /** The controller class, resolved from the container on each request. */
  readonly controller: ControllerClass;
  /** The controller method that handles the route. */
  readonly handlerName: MethodName;
  /** The handler's parameters, by index. */
  readonly params: readonly ParamBinding[];
  /** Extension metadata of the class and the method, method values overriding. */
  readonly metadata: RouteMetadata;
}
