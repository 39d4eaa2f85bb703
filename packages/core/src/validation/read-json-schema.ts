import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A JSON Schema object, as produced by a validator library. */
export type JsonSchema = Readonly<Record<string, unknown>>;

interface JsonSchemaConverter {
  readonly input: (options: { readonly target: string }) => Record<string, unknown>;
}

/**
 * The JSON Schema (draft 2020-12) of a schema's input, when the validator
 * implements Standard JSON Schema (`~standard.jsonSchema`, zod 4 and others).
 *
 * @returns `undefined` when the validator offers none or cannot convert
 */
export function readJsonSchema(schema: StandardSchemaV1 | undefined): JsonSchema | undefined {
  const props = schema?.['~standard'] as { readonly jsonSchema?: JsonSchemaConverter } | undefined;
  const converter = props?.jsonSchema;

  if (typeof converter?.input !== 'function') return undefined;

  try {
    const json = { ...converter.input({ target: 'draft-2020-12' }) };
    // Embedded in OpenAPI 3.1 the dialect is implied; drop the top-level marker.
    delete json['$schema'];
    return json;
  } catch {
    // Some schemas (transforms, custom checks) have no JSON Schema form.
    return undefined;
  }
}
