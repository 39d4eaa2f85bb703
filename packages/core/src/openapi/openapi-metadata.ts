import type { StandardSchemaV1 } from '@standard-schema/spec';

import {
  createMetadataDecorator,
  createMetadataKey,
  type MetadataKey,
} from '../metadata/metadata-key.js';

/** One documented response of an operation. */
export interface ApiResponseDeclaration {
  readonly status: number;
  readonly description: string;
  readonly schema: StandardSchemaV1 | undefined;
}

/** Metadata key of {@link apiResponse}; stacked declarations accumulate. */
export const API_RESPONSES: MetadataKey<readonly ApiResponseDeclaration[]> = createMetadataKey(
  'apiResponse',
  { combine: (earlier, later) => [...later, ...earlier] },
);

/** Metadata key of {@link excludeFromOpenApi}. */
export const OPENAPI_EXCLUDED: MetadataKey<boolean> = createMetadataKey('excludeFromOpenApi');

/** Options of {@link apiResponse}. */
export interface ApiResponseOptions {
  readonly description?: string;
  /** The response body's schema; documented when it offers JSON Schema. */
  readonly schema?: StandardSchemaV1;
}

/**
 * Documents one response of a route in the OpenAPI document. Stack several
 * for several statuses. Without any, the success status alone is documented.
 *
 * @example
 * ```ts
 * @apiResponse(200, { schema: Note, description: 'The note' })
 * @apiResponse(404, { description: 'No such note' })
 * @get('/:id') find(@param('id') id: number) { … }
 * ```
 */
export function apiResponse(
  status: number,
  options: ApiResponseOptions = {},
): ClassDecorator & MethodDecorator {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(
      `@apiResponse: "status" must be an integer from 100 to 599, got ${status}.`,
    );
  }

  const description = options.description ?? `Status ${status}`;
  return createMetadataDecorator(API_RESPONSES, [{ status, description, schema: options.schema }]);
}

/** Leaves a controller or a route out of the OpenAPI document. */
export function excludeFromOpenApi(): ClassDecorator & MethodDecorator {
  return createMetadataDecorator(OPENAPI_EXCLUDED, true);
}
