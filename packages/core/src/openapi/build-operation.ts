import type { StandardSchemaV1 } from '@standard-schema/spec';

import type { ResponseDeclaration } from '../decorators/response.js';
import { RESPONSE_KEY } from '../metadata/keys.js';
import { findMethodValue } from '../metadata/metadata-store.js';
import type { ParamBinding, RouteDefinition } from '../routing/route-definition.js';
import { readJsonSchema, type JsonSchema } from '../validation/read-json-schema.js';
import type { OpenApiOperation, OpenApiParameter } from './openapi-document.js';
import { API_RESPONSES } from './openapi-metadata.js';
import { listPathParams } from './to-openapi-path.js';

type Location = OpenApiParameter['in'];

const LOCATIONS: Partial<Record<ParamBinding['source'], Location>> = {
  path: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
};

const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** Builds the OpenAPI operation of one route, before contributors run. */
export function buildOperation(route: RouteDefinition, operationId: string): OpenApiOperation {
  const requestBody = buildRequestBody(route.params);
  const tag = route.controller.name.replace(/Controller$/, '') || route.controller.name;

  return {
    operationId,
    tags: [tag],
    parameters: buildParameters(route),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: buildResponses(route),
  };
}

function buildParameters(route: RouteDefinition): OpenApiParameter[] {
  const pathParams = listPathParams(route.path).map((name) => {
    const binding = route.params.find((each) => each.source === 'path' && each.name === name);
    return { name, in: 'path' as const, required: true, schema: describeSchema(binding) };
  });

  return [...pathParams, ...route.params.flatMap((each) => describeNonPath(each))];
}

function describeNonPath(binding: ParamBinding): OpenApiParameter[] {
  const location = LOCATIONS[binding.source];

  if (location === undefined || location === 'path') return [];

  if (binding.name !== undefined) {
    const required = binding.schema !== undefined && !acceptsUndefined(binding.schema);
    return [{ name: binding.name, in: location, required, schema: describeSchema(binding) }];
  }

  return expandObject(readJsonSchema(binding.schema), location);
}

/** A whole query object with an object schema documents each property. */
function expandObject(json: JsonSchema | undefined, location: Location): OpenApiParameter[] {
  const properties = (json?.['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json?.['required'] ?? []) as string[]);

  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: location,
    required: required.has(name),
    schema,
  }));
}

function describeSchema(binding: ParamBinding | undefined): JsonSchema {
  const json = readJsonSchema(binding?.schema);

  if (json !== undefined) return json;
  if (binding?.coercion?.kind === 'scalar') return { type: binding.coercion.to };

  return { type: 'string' };
}

function acceptsUndefined(schema: StandardSchemaV1): boolean {
  const result = schema['~standard'].validate(undefined);

  // An async validator cannot be asked at build time; document it as optional.
  return result instanceof Promise || result.issues === undefined;
}

function buildRequestBody(params: readonly ParamBinding[]): Record<string, unknown> | undefined {
  const binding = params.find((each) => each.source === 'body');

  if (binding === undefined) return undefined;

  const schema = readJsonSchema(binding.schema) ?? {};
  return { required: true, content: { 'application/json': { schema } } };
}

function buildResponses(route: RouteDefinition): OpenApiOperation['responses'] {
  const declared = route.metadata.get(API_RESPONSES) ?? [defaultSuccess(route)];
  const responses: OpenApiOperation['responses'] = {};

  for (const each of declared) {
    const schema = readJsonSchema(each.schema);
    const content = schema === undefined ? {} : { content: { 'application/json': { schema } } };
    responses[String(each.status)] = { description: each.description, ...content };
  }

  const problem = { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } };
  responses['default'] = { description: 'Error (RFC 9457 problem details)', content: problem };
  return responses;
}

function defaultSuccess(route: RouteDefinition) {
  const declared = findMethodValue(route.controller, route.handlerName, RESPONSE_KEY) as
    ResponseDeclaration | undefined;
  const status = declared?.status ?? 200;

  return { status, description: 'Success', schema: undefined };
}
