import type { RouteDefinition } from '../routing/route-definition.js';
import type { OpenApiDocument, OpenApiOperation } from './openapi-document.js';

/**
 * Adds to the generated OpenAPI document: `operation` runs for each route's
 * operation (add `security`, extra responses), then `document` once for the
 * whole document (add `components.securitySchemes`). Both may mutate.
 *
 * @example
 * ```ts
 * host.contributeOpenApi({
 *   operation: (operation, route) => {
 *     if (!route.metadata.has(ANONYMOUS)) operation.security = [{ bearer: [] }];
 *   },
 * });
 * ```
 */
export interface OpenApiContributor {
  readonly operation?: (operation: OpenApiOperation, route: RouteDefinition) => void;
  readonly document?: (document: OpenApiDocument) => void;
}
