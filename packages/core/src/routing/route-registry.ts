import { CoreError } from '../errors.js';
import type { ControllerDeclaration } from '../decorators/controller.js';
import type { ParamDeclaration } from '../decorators/params.js';
import type { RouteDeclaration } from '../decorators/http-method.js';
import { CONTROLLER_KEY, PARAMS_KEY, ROUTES_KEY } from '../metadata/keys.js';
import { describeTarget } from '../metadata/decorator-target.js';
import {
  findClassValue,
  findMethodValue,
  listClassChain,
  listOwnMethods,
  type ClassOwner,
  type MethodName,
} from '../metadata/metadata-store.js';
import type { ControllerClass, ParamBinding, RouteDefinition } from './route-definition.js';
import { RouteMetadata } from './route-metadata.js';
import { resolveCoercion } from '../validation/coercion.js';
import { compareSpecificity, describeShape, joinPath } from './route-path.js';

/** How paths are compared. Both default to exact matching. */
export interface RouteMatchingOptions {
  /** `/Notes` and `/notes` are different paths. Default `true`. */
  readonly caseSensitive?: boolean;
  /** `/notes/` and `/notes` are different paths. Default `true`. */
  readonly strictTrailingSlash?: boolean;
}

/**
 * Builds the frozen route table from decorated controller classes.
 *
 * @throws CoreError `ERR_CORE_INVALID_DEFINITION` for an undecorated class or a
 *   handler parameter without a decorator
 * @throws CoreError `ERR_CORE_DUPLICATE_ROUTE` naming both routes
 */
export function buildRouteTable(
  controllers: readonly ControllerClass[],
  options: RouteMatchingOptions = {},
): readonly RouteDefinition[] {
  const routes = controllers.flatMap((each) => buildControllerRoutes(each));

  assertNoDuplicates(routes, options.caseSensitive ?? true);

  const sorted = [...routes].sort((a, b) => compareSpecificity(a, b));
  return Object.freeze(sorted.map((route) => Object.freeze(route)));
}

function buildControllerRoutes(controller: ControllerClass): RouteDefinition[] {
  const declaration = findClassValue(controller, CONTROLLER_KEY) as
    ControllerDeclaration | undefined;

  if (declaration === undefined) {
    const message = `${controller.name} is listed as a controller but has no @controller decorator.`;
    throw new CoreError('ERR_CORE_INVALID_DEFINITION', message);
  }

  return listRouteMethods(controller).flatMap((method) =>
    buildMethodRoutes(controller, declaration.prefix, method),
  );
}

function listRouteMethods(controller: ClassOwner): MethodName[] {
  const names = new Set<MethodName>();

  for (const owner of listClassChain(controller).reverse()) {
    for (const name of listOwnMethods(owner)) {
      if (findMethodValue(owner, name, ROUTES_KEY) !== undefined) names.add(name);
    }
  }

  return [...names];
}

function buildMethodRoutes(
  controller: ControllerClass,
  prefix: string,
  handlerName: MethodName,
): RouteDefinition[] {
  assertHandlerIsMethod(controller, handlerName);

  const declarations = findMethodValue(controller, handlerName, ROUTES_KEY) as RouteDeclaration[];
  const params = buildParamBindings(controller, handlerName);
  const metadata = new RouteMetadata(controller, handlerName);

  return declarations.flatMap((declaration) =>
    declaration.paths.map((path) => {
      const fullPath = joinPath(prefix, path);
      const id = `${declaration.method} ${fullPath}`;
      const method = declaration.method;

      return { id, method, path: fullPath, controller, handlerName, params, metadata };
    }),
  );
}

function assertHandlerIsMethod(controller: ControllerClass, name: MethodName): void {
  const handler: unknown = Reflect.get(controller.prototype as object, name);

  if (typeof handler !== 'function') {
    const where = describeTarget(controller, name);
    throw new CoreError('ERR_CORE_INVALID_DEFINITION', `Route handler ${where} is not a method.`);
  }
}

function buildParamBindings(controller: ControllerClass, name: MethodName): ParamBinding[] {
  const declared = (findMethodValue(controller, name, PARAMS_KEY) ?? []) as ParamDeclaration[];
  const types = readParamTypes(controller, name);
  const handler = Reflect.get(controller.prototype as object, name) as (
    ...args: never[]
  ) => unknown;
  const count = Math.max(types.length, handler.length);
  const bindings: ParamBinding[] = [];

  for (let index = 0; index < count; index++) {
    const matches = declared.filter((each) => each.index === index);
    const where = `parameter ${index} of ${describeTarget(controller, name)}`;

    if (matches.length !== 1) {
      const problem = matches.length === 0 ? 'has no parameter decorator' : 'has several';
      throw new CoreError('ERR_CORE_INVALID_DEFINITION', `The ${where} ${problem}.`);
    }

    const [declaration] = matches as [ParamDeclaration];
    const designType = types[index];
    const coercion = isStringSource(declaration.source)
      ? resolveCoercion(designType, declaration.schema)
      : undefined;
    bindings.push(Object.freeze({ ...declaration, designType, coercion }));
  }

  return bindings;
}

/** Sources that arrive as strings; a JSON body keeps its own types. */
function isStringSource(source: ParamDeclaration['source']): boolean {
  return source === 'path' || source === 'query' || source === 'header' || source === 'cookie';
}

function readParamTypes(controller: ControllerClass, name: MethodName): unknown[] {
  const prototype = controller.prototype as object;
  const types: unknown = Reflect.getMetadata('design:paramtypes', prototype, name);
  return Array.isArray(types) ? types : [];
}

function assertNoDuplicates(routes: readonly RouteDefinition[], caseSensitive: boolean): void {
  const byShape = new Map<string, RouteDefinition[]>();

  for (const route of routes) {
    const shape = describeShape(route.path, caseSensitive);
    const group = byShape.get(shape) ?? [];
    const clash = group.find((other) => isOverlapping(other.method, route.method));

    if (clash !== undefined) throwDuplicate(route, clash);

    group.push(route);
    byShape.set(shape, group);
  }
}

function isOverlapping(a: string, b: string): boolean {
  return a === b || a === 'ALL' || b === 'ALL';
}

function throwDuplicate(route: RouteDefinition, other: RouteDefinition): never {
  const first = `${other.id} (${describeTarget(other.controller, other.handlerName)})`;
  const second = `${route.id} (${describeTarget(route.controller, route.handlerName)})`;
  const message = `Routes ${first} and ${second} answer the same requests; remove or rename one.`;

  throw new CoreError('ERR_CORE_DUPLICATE_ROUTE', message);
}
