import type { JsonSchema } from '../validation/read-json-schema.js';

/** The `info` object of an OpenAPI document. */
export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/** One OpenAPI parameter object. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One OpenAPI operation object; contributors may add any field (`security`, `x-…`). */
export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

/** An OpenAPI 3.1 document, mutable while contributors run. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiInfo;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}
