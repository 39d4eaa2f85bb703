import { createMetadataKey } from '@portico/core';
import type { Newable } from 'inversify';

import type { AuthorizationPolicy } from './authorization/authorization-policy.js';

/** The identity of the authentication plugin; its markers need it installed. */
export const AUTH_PLUGIN: unique symbol = Symbol('@portico/auth');

/** How a route treats credentials. */
export type AuthMode = 'anonymous' | 'optional' | 'required';

/** Alternatives of one requirement: any one of them satisfies it. */
export type Alternatives = readonly string[];

function concat(earlier: readonly Alternatives[], later: readonly Alternatives[]) {
  return [...earlier, ...later];
}

/** Set by `@allowAnonymous` and `@optionalAuth`. */
export const AUTH_MODE = createMetadataKey<AuthMode>('auth:mode', {
  plugin: AUTH_PLUGIN,
  combine: (earlier, later) => {
    if (earlier !== later) {
      throw new TypeError('@allowAnonymous and @optionalAuth cannot both mark one target.');
    }

    return later;
  },
});

/** Set by `@requiresRole`; every entry must hold. */
export const REQUIRED_ROLES = createMetadataKey<readonly Alternatives[]>('auth:roles', {
  plugin: AUTH_PLUGIN,
  combine: concat,
});

/** Set by `@requiresScope`; every entry must hold. */
export const REQUIRED_SCOPES = createMetadataKey<readonly Alternatives[]>('auth:scopes', {
  plugin: AUTH_PLUGIN,
  combine: concat,
});

/** Set by `@requiresGroup`; every entry must hold. */
export const REQUIRED_GROUPS = createMetadataKey<readonly Alternatives[]>('auth:groups', {
  plugin: AUTH_PLUGIN,
  combine: concat,
});

/** Set by `@authorize`; every policy must allow. */
export const AUTHORIZATION_POLICIES = createMetadataKey<readonly Newable<AuthorizationPolicy>[]>(
  'auth:authorize',
  {
    plugin: AUTH_PLUGIN,
    combine: (earlier, later) => [...earlier, ...later],
  },
);
