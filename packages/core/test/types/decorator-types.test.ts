import { expect } from 'chai';
import { z } from 'zod';

import {
  body,
  controller,
  createContextKey,
  createMetadataDecorator,
  createMetadataKey,
  get,
  httpCode,
  param,
  RequestContext,
  type RouteMetadata,
} from '../../src/index.js';

// These checks run when `tsc -b` compiles the tests: an `@ts-expect-error`
// whose line starts to compile fails the build. The functions never run.

export function routeDecoratorSignatures(): void {
  get('/a');
  get(['/a', '/b']);
  // @ts-expect-error a path is a string or a list of strings
  get(42);
  // @ts-expect-error a status is a number
  httpCode('201');
  // @ts-expect-error @controller takes a prefix string
  controller({ prefix: '/x' });
  // @ts-expect-error @param needs the parameter's name
  param();
  body(z.object({ title: z.string() }));
  // @ts-expect-error a schema must implement Standard Schema
  body({ parse: (value: unknown) => value });
}

export function typedMetadata(metadata: RouteMetadata): void {
  const LIMIT = createMetadataKey<number>('types:limit');
  const limit: number | undefined = metadata.get(LIMIT);

  createMetadataDecorator(LIMIT, 10);
  // @ts-expect-error the value must match the key's type
  createMetadataDecorator(LIMIT, 'ten');
  // @ts-expect-error a number key never reads as a string
  const wrong: string | undefined = metadata.get(LIMIT);

  expect([limit, wrong]).to.have.length(2);
}

export function typedContextAccess(): void {
  const TENANT = createContextKey<{ id: string }>('types:tenant');
  const context = RequestContext.current();
  const tenant: { id: string } | undefined = context.get(TENANT);

  context.set(TENANT, { id: 'acme' });
  // @ts-expect-error the value must match the key's type
  context.set(TENANT, 'acme');

  expect(tenant).to.equal(undefined);
}

describe('type-level checks', () => {
  it('compile with the expected errors and no others', () => {
    expect(typeof routeDecoratorSignatures).to.equal('function');
  });
});
