import type { RouteDefinition } from '../routing/route-definition.js';
import { buildOperation } from './build-operation.js';
import type { OpenApiContributor } from './openapi-contributor.js';
import type { OpenApiDocument, OpenApiInfo } from './openapi-document.js';
import { OPENAPI_EXCLUDED } from './openapi-metadata.js';
import { toOpenApiPath } from './to-openapi-path.js';

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['location', 'path', 'message'],
        properties: {
          location: { enum: ['body', 'query', 'path', 'header', 'cookie'] },
          path: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/**
 * Generates the OpenAPI 3.1 document of a route table. Routes marked
 * `@excludeFromOpenApi` and `@all` routes (no single method) are left out.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: OpenApiInfo,
  contributors: readonly OpenApiContributor[] = [],
): OpenApiDocument {
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { ...info },
    paths: {},
    components: { schemas: { Problem: PROBLEM_SCHEMA } },
  };
  const operationIds = new Set<string>();

  for (const route of routes.filter(isDocumented)) {
    const operation = buildOperation(route, uniqueId(route, operationIds));
    contributors.forEach((each) => each.operation?.(operation, route));

    const path = toOpenApiPath(route.path);
    document.paths[path] = { ...document.paths[path], [route.method.toLowerCase()]: operation };
  }

  contributors.forEach((each) => each.document?.(document));
  return document;
}

function isDocumented(route: RouteDefinition): boolean {
  return route.method !== 'ALL' && route.metadata.get(OPENAPI_EXCLUDED) !== true;
}

function uniqueId(route: RouteDefinition, taken: Set<string>): string {
  const base = `${route.controller.name}_${String(route.handlerName)}`;
  let id = base;

  for (let suffix = 2; taken.has(id); suffix++) id = `${base}_${suffix}`;

  taken.add(id);
  return id;
}
