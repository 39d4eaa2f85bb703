import type { Newable } from 'inversify';
import { createMetadataDecorator } from '@portico/core';

import type { AuthorizationPolicy } from '../authorization/authorization-policy.js';
import { AUTHORIZATION_POLICIES } from '../metadata.js';

/**
 * Runs named policy classes, resolved from the container, after the token is
 * verified and role, scope and group requirements hold. Several policies in
 * one decorator, and stacked decorators, must all allow. A method's
 * `@authorize` adds to its class's (and base classes'): all must allow.
 *
 * @example
 * ```ts
 * @del('/:id') @authorize(OwnsNote) remove(@param('id') id: string) { … }
 * ```
 */
export function authorize(
  ...policies: readonly [Newable<AuthorizationPolicy>, ...Newable<AuthorizationPolicy>[]]
): ClassDecorator & MethodDecorator {
  const valid = policies.length > 0 && policies.every((each) => typeof each === 'function');

  if (!valid) {
    throw new TypeError('@authorize needs at least one policy class.');
  }

  return createMetadataDecorator(AUTHORIZATION_POLICIES, Object.freeze([...policies]));
}
