import type { RouteDefinition } from '../routing/route-definition.js';
import { buildOpenApiDocument } from './build-openapi-document.js';
import type { OpenApiContributor } from './openapi-contributor.js';
import type { OpenApiDocument, OpenApiInfo } from './openapi-document.js';

/** Produces the application's OpenAPI document; bound to {@link OPENAPI_GENERATOR}. */
export interface OpenApiGenerator {
  /** The document for `info`, built once per distinct `info` and then reused. */
  generate(info: OpenApiInfo): OpenApiDocument;
}

/** Container token of the application's {@link OpenApiGenerator}. */
export const OPENAPI_GENERATOR = Symbol.for('portico:openapi-generator');

/**
 * Creates the generator of an application's route table. The route table is
 * frozen, so each document is built on first request and cached.
 */
export function createOpenApiGenerator(
  routes: readonly RouteDefinition[],
  contributors: readonly OpenApiContributor[],
): OpenApiGenerator {
  const cache = new Map<string, OpenApiDocument>();

  return {
    generate(info) {
      const key = JSON.stringify(info);
      let document = cache.get(key);

      if (document === undefined) {
        document = buildOpenApiDocument(routes, info, contributors);
        cache.set(key, document);
      }

      return document;
    },
  };
}
