import type { StandardSchemaV1 } from '@standard-schema/spec';

import { readJsonSchema, type JsonSchema } from './read-json-schema.js';

/** The scalar type a request string is converted to before validation. */
export type ScalarCoercion = 'number' | 'boolean';

/** How a bound value is coerced: one scalar, or per property of an object. */
export type Coercion =
  | { readonly kind: 'scalar'; readonly to: ScalarCoercion }
  | { readonly kind: 'object'; readonly properties: Readonly<Record<string, ScalarCoercion>> };

/**
 * Decides how to coerce a parameter: the schema's JSON Schema `type` when it
 * has one, else the TypeScript design type (`number`, `boolean`).
 */
export function resolveCoercion(
  designType: unknown,
  schema: StandardSchemaV1 | undefined,
): Coercion | undefined {
  const json = readJsonSchema(schema);
  const scalar = json === undefined ? undefined : readScalar(json);

  if (scalar !== undefined) return { kind: 'scalar', to: scalar };

  if (json !== undefined && isObject(json['properties'])) {
    return readObjectCoercion(json['properties']);
  }

  if (designType === Number) return { kind: 'scalar', to: 'number' };
  if (designType === Boolean) return { kind: 'scalar', to: 'boolean' };

  return undefined;
}

function readObjectCoercion(properties: Record<string, unknown>): Coercion | undefined {
  const entries = Object.entries(properties).flatMap(([name, each]) => {
    const scalar = isObject(each) ? readScalar(each) : undefined;
    return scalar === undefined ? [] : [[name, scalar] as const];
  });

  return entries.length === 0
    ? undefined
    : { kind: 'object', properties: Object.fromEntries(entries) };
}

/** The scalar of `number`, `integer` or `boolean` schemas, looking through `null` unions. */
function readScalar(json: JsonSchema): ScalarCoercion | undefined {
  const types = Array.isArray(json['type']) ? (json['type'] as unknown[]) : [json['type']];
  const variants = [json['anyOf'], json['oneOf']].find(Array.isArray) as unknown[] | undefined;

  for (const type of types) {
    if (type === 'number' || type === 'integer') return 'number';
    if (type === 'boolean') return 'boolean';
  }

  for (const variant of variants ?? []) {
    const scalar = isObject(variant) ? readScalar(variant) : undefined;
    if (scalar !== undefined) return scalar;
  }

  return undefined;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
