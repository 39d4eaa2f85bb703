import { createMetadataDecorator, type MetadataKey } from '@portico/core';

import {
  REQUIRED_GROUPS,
  REQUIRED_ROLES,
  REQUIRED_SCOPES,
  type Alternatives,
} from '../metadata.js';

/** A decorator that requires one of several values. */
export type RequirementDecorator = (
  ...alternatives: readonly [string, ...string[]]
) => ClassDecorator & MethodDecorator;

function createRequirement(
  key: MetadataKey<readonly Alternatives[]>,
  name: string,
): RequirementDecorator {
  return (...alternatives) => {
    const valid = alternatives.length > 0 && alternatives.every((each) => each.length > 0);

    if (!valid) {
      throw new TypeError(`${name} needs at least one non-empty value.`);
    }

    return createMetadataDecorator(key, [Object.freeze([...alternatives])]);
  };
}

/**
 * Requires the caller to have any one of `roles`. Stacked decorators must all
 * hold; a method's requirement adds to its class's (and base classes').
 *
 * @example
 * ```ts
 * @get('/stats') @requiresRole('admin') stats() { … }
 * ```
 */
export const requiresRole: RequirementDecorator = createRequirement(
  REQUIRED_ROLES,
  '@requiresRole',
);

/** Requires any one of `scopes` in the token's `scope` or `scp` claim. */
export const requiresScope: RequirementDecorator = createRequirement(
  REQUIRED_SCOPES,
  '@requiresScope',
);

/** Requires any one of `groups` in the token's `groups` claim. */
export const requiresGroup: RequirementDecorator = createRequirement(
  REQUIRED_GROUPS,
  '@requiresGroup',
);
