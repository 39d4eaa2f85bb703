import type { Newable } from 'inversify';
import type { RouteDefinition, RouteMetadata } from '@portico/core';

import type { AuthorizationPolicy } from './authorization/authorization-policy.js';

import { AuthError } from './errors.js';
import {
  AUTHORIZATION_POLICIES,
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
  /** `@authorize` policy classes; every one must allow. */
  readonly policies: readonly Newable<AuthorizationPolicy>[];
}

/** The policy of unknown paths and wrong methods: a valid token is required. */
export const REQUIRE_TOKEN: RoutePolicy = Object.freeze({
  mode: 'required',
  roles: [],
  scopes: [],
  groups: [],
  policies: [],
});

const REQUIREMENT_KEYS = [REQUIRED_ROLES, REQUIRED_SCOPES, REQUIRED_GROUPS] as const;

type Level = 'getMethodValue' | 'getClassValue';

function hasRequirement(metadata: RouteMetadata, level: Level): boolean {
  const hasPolicies = metadata[level](AUTHORIZATION_POLICIES) !== undefined;
  return hasPolicies || REQUIREMENT_KEYS.some((key) => metadata[level](key) !== undefined);
}

/**
 * Computes a route's policy from its auth metadata. Role, scope, group and
 * `@authorize` requirements accumulate along the class chain and the method;
 * only an explicit `@allowAnonymous` or `@optionalAuth` on the method
 * overrides its class, and a class-level `@allowAnonymous` gives way to a
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

  // Requirements add up: a base class's, the class's and the method's must all
  // hold, so a subclass or a method can never drop an inherited one.
  const policy: RoutePolicy = {
    mode,
    roles: metadata.collect(REQUIRED_ROLES).flat(),
    scopes: metadata.collect(REQUIRED_SCOPES).flat(),
    groups: metadata.collect(REQUIRED_GROUPS).flat(),
    policies: [...new Set(metadata.collect(AUTHORIZATION_POLICIES).flat())],
  };

  if (mode === 'optional' && hasRequirements(policy)) {
    throwContradiction(
      route,
      '@optionalAuth cannot be combined with role, scope, group or @authorize checks',
    );
  }

  return policy;
}

function resolveMode(route: RouteDefinition, metadata: RouteMetadata): AuthMode {
  const methodMode = metadata.getMethodValue(AUTH_MODE);
  const classMode = metadata.getClassValue(AUTH_MODE);
  const methodRequires = hasRequirement(metadata, 'getMethodValue');
  const classRequires = hasRequirement(metadata, 'getClassValue');

  if (methodMode === 'anonymous' && methodRequires) {
    throwContradiction(route, '@allowAnonymous on the method contradicts its requirements');
  }

  if (classMode === 'anonymous' && classRequires) {
    throwContradiction(route, '@allowAnonymous on the class contradicts its requirements');
  }

  if (methodMode === 'anonymous') assertLiftsOnlyOwnRequirements(route, metadata);

  if (methodMode !== undefined) return methodMode;

  // A requirement on the method needs a caller, whatever the class allows.
  if (classMode === 'anonymous' && methodRequires) return 'required';

  return classMode ?? 'required';
}

/**
 * A method's `@allowAnonymous` lifts the requirements of the class that
 * declares it, never those another class in the chain declares: a subclass
 * overriding a base method cannot open up the base class's protected routes,
 * nor can a base method open up what a subclass requires.
 */
function assertLiftsOnlyOwnRequirements(route: RouteDefinition, metadata: RouteMetadata): void {
  const marker = metadata.findDeclaringClasses(AUTH_MODE, 'method').at(-1);
  const declarers = [
    ...REQUIREMENT_KEYS.flatMap((key) => metadata.findDeclaringClasses(key, 'class')),
    ...metadata.findDeclaringClasses(AUTHORIZATION_POLICIES, 'class'),
  ];
  const foreign = declarers.find((owner) => owner !== marker);

  if (foreign !== undefined) {
    const problem = `@allowAnonymous on the method cannot lift requirements declared on ${foreign.name}`;
    throwContradiction(route, problem);
  }
}

function hasRequirements(policy: RoutePolicy): boolean {
  const { roles, scopes, groups, policies } = policy;
  return roles.length + scopes.length + groups.length + policies.length > 0;
}

function throwContradiction(route: RouteDefinition, problem: string): never {
  const message = `Route ${route.id}: ${problem}; remove one of the markers.`;
  throw new AuthError('ERR_AUTH_INVALID_DEFINITION', message);
}
