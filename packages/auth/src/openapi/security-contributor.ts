import type { OpenApiContributor, OpenApiOperation, RouteDefinition } from '@portico/core';

import type { RoutePolicy } from '../route-policy.js';

/** Name of the bearer scheme in `components.securitySchemes`. */
export const BEARER_SCHEME = 'bearerAuth';

const PROBLEM = { 'application/problem+json': { schema: { type: 'object' } } };

/**
 * Describes each route's auth policy in the generated OpenAPI document:
 * anonymous routes get `security: []`, optional ones allow both, protected
 * ones name the bearer scheme (with required scopes) and list 401 and, when
 * they check roles, scopes, groups or policies, 403.
 */
export function createSecurityContributor(
  policies: ReadonlyMap<RouteDefinition, RoutePolicy>,
): OpenApiContributor {
  return {
    operation: (operation, route) => {
      const policy = policies.get(route);

      if (policy !== undefined) describeOperation(operation, policy);
    },
    document: (document) => {
      const schemes = document.components['securitySchemes'] ?? {};
      schemes[BEARER_SCHEME] = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
      document.components['securitySchemes'] = schemes;
    },
  };
}

function describeOperation(operation: OpenApiOperation, policy: RoutePolicy): void {
  if (policy.mode === 'anonymous') {
    operation['security'] = [];
    return;
  }

  const bearer = listScopeSets(policy.scopes).map((scopes) => ({ [BEARER_SCHEME]: scopes }));

  operation['security'] = policy.mode === 'optional' ? [{}, ...bearer] : bearer;
  operation.responses['401'] = {
    description: 'Missing or invalid bearer token.',
    content: PROBLEM,
  };

  if (!hasChecks(policy)) return;

  operation.responses['403'] = { description: describeChecks(policy), content: PROBLEM };
  operation['x-portico-auth'] = {
    roles: policy.roles,
    scopes: policy.scopes,
    groups: policy.groups,
    authorize: policy.policies.map((each) => each.name),
  };
}

// Past this many combinations the document lists the union instead (an approximation).
const MAX_SCOPE_SETS = 16;

/**
 * The scope sets that satisfy the route, one OpenAPI security requirement
 * each: `@requiresScope('a', 'b')` is `[a]` or `[b]`, and a second stacked
 * requirement multiplies the choices. An empty route needs `[]`.
 */
function listScopeSets(requirements: RoutePolicy['scopes']): string[][] {
  let sets: string[][] = [[]];

  for (const alternatives of requirements) {
    sets = sets.flatMap((set) => alternatives.map((scope) => [...new Set([...set, scope])].sort()));

    sets = [...new Map(sets.map((set) => [set.join(' '), set])).values()];

    if (sets.length > MAX_SCOPE_SETS) return [[...new Set(requirements.flat())]];
  }

  return sets;
}

function hasChecks(policy: RoutePolicy): boolean {
  const { roles, scopes, groups, policies } = policy;
  return roles.length + scopes.length + groups.length + policies.length > 0;
}

function describeChecks(policy: RoutePolicy): string {
  const parts = [
    ...policy.roles.map((any) => `role ${any.join(' or ')}`),
    ...policy.scopes.map((any) => `scope ${any.join(' or ')}`),
    ...policy.groups.map((any) => `group ${any.join(' or ')}`),
    ...policy.policies.map((each) => `policy ${each.name}`),
  ];

  return `Forbidden unless the caller has: ${parts.join('; ')}.`;
}
