import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'koa';

import { ValidationError, type FieldError } from '../errors.js';
import type { ParamSource } from '../decorators/params.js';
import type { ParamBinding } from '../routing/route-definition.js';
import { coerceValue, type CoercionFailure } from '../validation/coerce-value.js';
import { readJsonBody } from './read-json-body.js';

type Location = FieldError['location'];

/** What the binder needs from the request beyond the Koa context. */
export interface BindingInput {
  readonly ctx: Context;
  readonly params: Readonly<Record<string, string>>;
  readonly bodyLimit: number;
}

const LOCATIONS: Partial<Record<ParamSource, Location>> = {
  path: 'path',
  query: 'query',
  body: 'body',
  header: 'header',
  cookie: 'cookie',
};

/**
 * Computes a handler's arguments: reads each bound value, coerces strings to
 * the number or boolean the schema (or the declared type) asks for, and
 * validates schemas.
 *
 * @throws ValidationError (400) listing every failing field at once
 */
export async function bindParams(
  bindings: readonly ParamBinding[],
  input: BindingInput,
): Promise<unknown[]> {
  const args: unknown[] = [];
  const errors: FieldError[] = [];

  for (const binding of bindings) {
    args.push(await bindOne(binding, input, errors));
  }

  if (errors.length > 0) throw new ValidationError(errors);

  return args;
}

/**
 * Whether every binding can be computed without awaiting: no body to read, no
 * custom resolver, no schema (whose validation may be async). Such routes are
 * bound by {@link bindPlainParams}, saving a promise per parameter.
 */
export function isPlainBinding(bindings: readonly ParamBinding[]): boolean {
  return bindings.every(
    (each) => each.schema === undefined && each.source !== 'body' && each.source !== 'custom',
  );
}

/**
 * The synchronous twin of {@link bindParams} for bindings that pass
 * {@link isPlainBinding}: reads and coerces each value.
 *
 * @throws ValidationError (400) listing every failing field at once
 */
export function bindPlainParams(bindings: readonly ParamBinding[], input: BindingInput): unknown[] {
  const errors: FieldError[] = [];
  const args = bindings.map((binding) => {
    const raw = readRaw(binding, input);
    const location = LOCATIONS[binding.source];

    if (location === undefined) return raw;

    const coerced = coerceValue(raw, binding.coercion);
    if (coerced.ok) return coerced.value;

    recordFailures(coerced.failures, location, binding.name ?? '', errors);
    return undefined;
  });

  if (errors.length > 0) throw new ValidationError(errors);

  return args;
}

function recordFailures(
  failures: readonly CoercionFailure[],
  location: Location,
  field: string,
  errors: FieldError[],
): void {
  for (const failure of failures) {
    const path = [field, failure.field ?? ''].filter(Boolean).join('.');
    errors.push({ location, path, message: failure.message });
  }
}

async function bindOne(
  binding: ParamBinding,
  input: BindingInput,
  errors: FieldError[],
): Promise<unknown> {
  const raw = await readRaw(binding, input);
  const location = LOCATIONS[binding.source];

  if (location === undefined) return validateCustom(binding, raw, errors);

  const field = binding.name ?? '';
  const coerced = coerceValue(raw, binding.coercion);
  const failed = coerced.ok ? [] : coerced.failures;

  recordFailures(failed, location, field, errors);

  // A value that failed as a whole has nothing more for the schema to judge.
  const isWholeFailure = failed.some((failure) => failure.field === undefined);
  if (isWholeFailure) return undefined;

  if (binding.schema === undefined) return coerced.ok ? coerced.value : undefined;

  // Properties that failed conversion are reported once, not again by the schema.
  const reported = new Set(failed.map((failure) => failure.field));
  const validated = await validate(
    binding.schema,
    coerced.value,
    location,
    field,
    errors,
    reported,
  );
  return coerced.ok ? validated : undefined;
}

async function validateCustom(
  binding: ParamBinding,
  raw: unknown,
  errors: FieldError[],
): Promise<unknown> {
  if (binding.schema === undefined) return raw;

  return validate(binding.schema, raw, 'body', '', errors, new Set());
}

function readRaw(binding: ParamBinding, input: BindingInput): unknown {
  const { ctx, params } = input;
  const name = binding.name;

  switch (binding.source) {
    case 'path':
      return name === undefined ? params : params[name];
    case 'query':
      return name === undefined ? ctx.query : ctx.query[name];
    case 'header':
      return name === undefined ? ctx.headers : ctx.headers[name];
    case 'cookie':
      return name === undefined ? undefined : ctx.cookies.get(name);
    case 'body':
      return readBodyOnce(input);
    case 'context':
      return ctx;
    case 'custom':
      return binding.resolve?.(ctx);
  }
}

const BODY_CACHE = new WeakMap<Context, Promise<unknown>>();

function readBodyOnce(input: BindingInput): Promise<unknown> {
  let body = BODY_CACHE.get(input.ctx);

  if (body === undefined) {
    body = readJsonBody(input.ctx, input.bodyLimit);
    BODY_CACHE.set(input.ctx, body);
  }

  return body;
}

async function validate(
  schema: StandardSchemaV1,
  value: unknown,
  location: Location,
  field: string,
  errors: FieldError[],
  reported: ReadonlySet<string | undefined>,
): Promise<unknown> {
  const result = await schema['~standard'].validate(value);

  if (result.issues === undefined) return result.value;

  for (const issue of result.issues) {
    const [first] = issue.path ?? [];
    if (first !== undefined && reported.has(describeSegment(first))) continue;

    const path = [field, ...(issue.path ?? []).map(describeSegment)].filter(Boolean).join('.');
    errors.push({ location, path, message: issue.message });
  }

  return undefined;
}

function describeSegment(segment: PropertyKey | StandardSchemaV1.PathSegment): string {
  const key = typeof segment === 'object' ? segment.key : segment;
  return String(key);
}
