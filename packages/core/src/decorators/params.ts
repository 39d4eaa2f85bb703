import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'koa';

import { PARAMS_KEY } from '../metadata/keys.js';
import { getOwnMethodValue, setOwnMethodValue } from '../metadata/metadata-store.js';

/** Where a handler parameter takes its value from. */
export type ParamSource = 'path' | 'query' | 'body' | 'header' | 'cookie' | 'context' | 'custom';

/** Reads a custom parameter's value from the request. */
export type ParamResolver = (ctx: Context) => unknown;

/** What a parameter decorator records for one handler parameter. */
export interface ParamDeclaration {
  readonly index: number;
  readonly source: ParamSource;
  /** The field to read; `undefined` binds the whole object (all query values, the body). */
  readonly name: string | undefined;
  /** A Standard Schema (zod, valibot, arktype …) the value must pass. */
  readonly schema: StandardSchemaV1 | undefined;
  /** How a `custom` parameter reads its value. */
  readonly resolve: ParamResolver | undefined;
}

type Declare = Omit<ParamDeclaration, 'index'>;

function declareParam(decorator: string, declaration: Declare): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined || typeof target === 'function') {
      throw new TypeError(`${decorator} must decorate a parameter of an instance method.`);
    }

    const owner = target.constructor;
    const earlier = getOwnMethodValue(owner, propertyKey, PARAMS_KEY) as
      ParamDeclaration[] | undefined;
    const next = [...(earlier ?? []), Object.freeze({ ...declaration, index })];

    setOwnMethodValue(owner, propertyKey, PARAMS_KEY, next);
  };
}

function named(decorator: string, source: ParamSource, name: string, schema?: StandardSchemaV1) {
  if (name.length === 0) {
    throw new TypeError(`${decorator}: "name" must be a non-empty string.`);
  }

  return declareParam(decorator, { source, name, schema, resolve: undefined });
}

/**
 * Binds a path parameter. Declared `number` or `boolean` parameters are
 * coerced from the path string; a value that does not convert is a 400.
 *
 * @example
 * ```ts
 * @get('/:id') find(@param('id') id: number) { … }
 * ```
 */
export function param(name: string, schema?: StandardSchemaV1): ParameterDecorator {
  return named('@param', 'path', name, schema);
}

/**
 * Binds one query value, or the whole query object when `name` is omitted.
 *
 * @example
 * ```ts
 * @get('/') list(@query('limit') limit?: number) { … }
 * ```
 */
export function query(name?: string, schema?: StandardSchemaV1): ParameterDecorator {
  if (name === undefined) {
    return declareParam('@query', { source: 'query', name, schema, resolve: undefined });
  }

  return named('@query', 'query', name, schema);
}

/**
 * Binds the parsed JSON body, validated by `schema` when one is given. A route
 * with a body parameter accepts only `application/json` (415 otherwise).
 */
export function body(schema?: StandardSchemaV1): ParameterDecorator {
  return declareParam('@body', { source: 'body', name: undefined, schema, resolve: undefined });
}

/** Binds one request header (case-insensitive name). */
export function header(name: string, schema?: StandardSchemaV1): ParameterDecorator {
  return named('@header', 'header', name.toLowerCase(), schema);
}

/** Binds one cookie value. */
export function cookie(name: string, schema?: StandardSchemaV1): ParameterDecorator {
  return named('@cookie', 'cookie', name, schema);
}

/** Binds the Koa context itself. */
export function ctx(): ParameterDecorator {
  return declareParam('@ctx', {
    source: 'context',
    name: undefined,
    schema: undefined,
    resolve: undefined,
  });
}

/**
 * Creates a parameter decorator that reads its value with `resolve`.
 *
 * @example
 * ```ts
 * const ip = createParamDecorator((ctx) => ctx.ip);
 * @get('/') whoami(@ip() address: string) { … }
 * ```
 */
export function createParamDecorator(
  resolve: ParamResolver,
  schema?: StandardSchemaV1,
): () => ParameterDecorator {
  return () =>
    declareParam('custom parameter', { source: 'custom', name: undefined, schema, resolve });
}
