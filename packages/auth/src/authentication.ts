import type { PluginHost, PorticoPlugin, RouteDefinition } from '@portico/core';
import { LOGGER, type Logger } from '@portico/core';

import { createAuthenticationMiddleware } from './authenticate.js';
import { resolveOptions, type AuthenticationOptions } from './options.js';
import { ClaimRoleResolver, ROLE_RESOLVER, type RoleResolver } from './role-resolver.js';
import { resolveRoutePolicy, type RoutePolicy } from './route-policy.js';
import { readCurrentState, SecurityContext } from './security-context.js';
import { createKeyLookup } from './verification/key-source.js';
import { TokenVerifier } from './verification/token-verifier.js';

/**
 * The authentication plugin: every route needs a valid bearer token unless it
 * is marked `@allowAnonymous` (or `@optionalAuth`). Options are validated
 * when this is called, so a misconfigured application never starts.
 *
 * @throws AuthError `ERR_AUTH_INVALID_OPTIONS` for bad options, and at install
 *   `ERR_AUTH_INVALID_DEFINITION` for contradictory route markers
 * @example
 * ```ts
 * const app = await createApplication({
 *   controllers: [NotesController],
 *   use: [authentication({ issuer, audience: 'notes-api', keys: { jwksUri } })],
 * });
 * ```
 */
export function authentication(options: AuthenticationOptions): PorticoPlugin {
  const resolved = resolveOptions(options);

  return {
    name: 'auth',
    install(host: PluginHost) {
      const policies = buildPolicies(host.routes);
      const verifier = new TokenVerifier(resolved, createKeyLookup(resolved.keys));

      bindServices(host, resolved.roleClaim);

      const roleResolver = host.container.get<RoleResolver>(ROLE_RESOLVER);
      const logger = host.container.get<Logger>(LOGGER);
      const realm = resolved.realm;

      host.use(createAuthenticationMiddleware({ policies, verifier, roleResolver, logger, realm }));
      host.annotateRoutes((route) => describePolicy(policies.get(route)));
    },
  };
}

function buildPolicies(routes: readonly RouteDefinition[]): Map<RouteDefinition, RoutePolicy> {
  return new Map(routes.map((route) => [route, resolveRoutePolicy(route)]));
}

function bindServices(host: PluginHost, roleClaim: string): void {
  const container = host.container;

  if (!container.isBound(ROLE_RESOLVER)) {
    container.bind<RoleResolver>(ROLE_RESOLVER).toConstantValue(new ClaimRoleResolver(roleClaim));
  }

  if (!container.isBound(SecurityContext)) {
    // One live view: it reads the request in progress, so no scope can capture a caller.
    container.bind(SecurityContext).toConstantValue(new SecurityContext(readCurrentState));
  }
}

function describePolicy(policy: RoutePolicy | undefined): Record<string, unknown> {
  if (policy === undefined) return {};

  const format = (list: readonly (readonly string[])[]) => list.map((any) => any.join('|'));

  return {
    auth: policy.mode,
    ...(policy.roles.length > 0 ? { roles: format(policy.roles) } : {}),
    ...(policy.scopes.length > 0 ? { scopes: format(policy.scopes) } : {}),
    ...(policy.groups.length > 0 ? { groups: format(policy.groups) } : {}),
  };
}
