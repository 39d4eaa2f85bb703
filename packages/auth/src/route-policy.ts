import type { RouteDefinition, RouteMetadata } from '@portico/core';

import { AuthError } from './errors.js';
import {
  AUTH_MODE,
  REQUIRED_GROUPS,
  REQUIRED_ROLES,
  REQUIRED_SCOPES,
  type Alternatives,
  type AuthMode,
} from './metadata.js';

/** What a route demands of its caller, computed once at start-up. */
export interface RoutePolicy {
  readonly mode: AuthMode;
  readonly roles: readonly Alternatives[];
  readonly scopes: readonly Alternatives[];
  readonly groups: readonly Alternatives[];
}

/** The policy of unknown paths and wrong methods: a valid token is required. */
export const REQUIRE_TOKEN: RoutePolicy = Object.freeze({
  mode: 'required',
  roles: [],
  scopes: [],
  groups: [],
});

const REQUIREMENT_KEYS = [REQUIRED_ROLES, REQUIRED_SCOPES, REQUIRED_GROUPS] as const;

/**
 * Computes a route's policy from its auth metadata. A method's markers
 * override its class's; a class-level `@allowAnonymous` gives way to a
 * method-level requirement.
 *
 * @throws AuthError `ERR_AUTH_INVALID_DEFINITION` for contradictory markers
 */
export function resolveRoutePolicy(route: RouteDefinition): RoutePolicy {
  const metadata = route.metadata;
  const mode = resolveMode(route, metadata);

  if (mode === 'anonymous') {
    return { ...REQUIRE_TOKEN, mode };
  }

  const policy: RoutePolicy = {
    mode,
    roles: metadata.get(REQUIRED_ROLES) ?? [],
    scopes: metadata.get(REQUIRED_SCOPES) ?? [],
    groups: metadata.get(REQUIRED_GROUPS) ?? [],
  };

  if (mode === 'optional' && hasRequirements(policy)) {
    throwContradiction(route, '@optionalAuth cannot be combined with role, scope or group checks');
  }

  return policy;
}

function resolveMode(route: RouteDefinition, metadata: RouteMetadata): AuthMode {
  const methodMode = metadata.getMethodValue(AUTH_MODE);
  const classMode = metadata.getClassValue(AUTH_MODE);
  const methodRequires = REQUIREMENT_KEYS.some((key) => metadata.getMethodValue(key) !== undefined);
  const classRequires = REQUIREMENT_KEYS.some((key) => metadata.getClassValue(key) !== undefined);

  if (methodMode === 'anonymous' && methodRequires) {
    throwContradiction(route, '@allowAnonymous on the method contradicts its requirements');
  }

  if (classMode === 'anonymous' && classRequires) {
    throwContradiction(route, '@allowAnonymous on the class contradicts its requirements');
  }

  if (methodMode !== undefined) return methodMode;

  // A requirement on the method needs a caller, whatever the class allows.
  if (classMode === 'anonymous' && methodRequires) return 'required';

  return classMode ?? 'required';
}

function hasRequirements(policy: RoutePolicy): boolean {
  return policy.roles.length + policy.scopes.length + policy.groups.length > 0;
}

function throwContradiction(route: RouteDefinition, problem: string): never {
  const message = `Route ${route.id}: ${problem}; remove one of the markers.`;
  throw new AuthError('ERR_AUTH_INVALID_DEFINITION', message);
}
