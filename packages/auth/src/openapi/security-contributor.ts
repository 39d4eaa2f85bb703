import type { RouteDefinition } from '@portico/core';

import type { RoutePolicy } from '../route-policy.js';

/** The fields of an OpenAPI operation this contributor touches. */
export interface OpenApiOperationLike {
  responses: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

/** The fields of an OpenAPI document this contributor touches. */
export interface OpenApiDocumentLike {
  components: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

/** The shape of core's OpenAPI contributor, declared here so auth builds without it. */
export interface SecurityContributor {
  readonly operation: (operation: OpenApiOperationLike, route: RouteDefinition) => void;
  readonly document: (document: OpenApiDocumentLike) => void;
}

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
): SecurityContributor {
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

function describeOperation(operation: OpenApiOperationLike, policy: RoutePolicy): void {
  if (policy.mode === 'anonymous') {
    operation['security'] = [];
    return;
  }

  const scopes = [...new Set(policy.scopes.flat())];
  const bearer = { [BEARER_SCHEME]: scopes };

  operation['security'] = policy.mode === 'optional' ? [{}, bearer] : [bearer];
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
