import type { Container, Newable } from 'inversify';
import type { PluginHost, PorticoPlugin, RouteDefinition } from '@portico/core';
import { LOGGER, type Logger } from '@portico/core';

import { createAuthenticationMiddleware } from './authenticate.js';
import type { AuthorizationPolicy } from './authorization/authorization-policy.js';
import {
  resolveOptions,
  type AuthenticationOptions,
  type ResolvedAuthenticationOptions,
} from './options.js';
import { AUTH_PLUGIN } from './metadata.js';
import { createSecurityContributor } from './openapi/security-contributor.js';
import { MemoryRevocationList } from './revocation/memory-revocation-list.js';
import { REVOCATION_LIST, type RevocationList } from './revocation/revocation-list.js';
import { ClaimRoleResolver, ROLE_RESOLVER, type RoleResolver } from './role-resolver.js';
import { resolveRoutePolicy, type RoutePolicy } from './route-policy.js';
import { readCurrentState, SecurityContext } from './security-context.js';
import { createKeySource } from './verification/key-source.js';
import { TokenVerifier } from './verification/token-verifier.js';
import { VerifiedTokenCache } from './verification/verified-token-cache.js';

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
 *   use: [authentication({ issuer, audience: 'notes-api', keys: { discovery: true } })],
 * });
 * ```
 */
export function authentication(options: AuthenticationOptions): PorticoPlugin {
  const resolved = resolveOptions(options);

  return {
    name: 'auth',
    id: AUTH_PLUGIN,
    install(host: PluginHost) {
      const policies = buildPolicies(host.routes);
      const container = host.container;

      bindServices(container, resolved, policies);

      host.use(
        createAuthenticationMiddleware({
          policies,
          verifier: createVerifier(resolved),
          roleResolver: container.get<RoleResolver>(ROLE_RESOLVER),
          revocationList: readRevocationList(container, resolved.revocation),
          resolvePolicy: (policy) => container.get(policy),
          logger: container.get<Logger>(LOGGER),
          realm: resolved.realm,
          unknownRoutes: resolved.unknownRoutes,
        }),
      );
      host.annotateRoutes((route) => describePolicy(policies.get(route)));
      host.contributeOpenApi(createSecurityContributor(policies));
    },
  };
}

function createVerifier(resolved: ResolvedAuthenticationOptions): TokenVerifier {
  const { fetch, clock } = resolved;
  const keys = createKeySource(resolved.keys, { fetch, clock });
  const cache = resolved.cache === undefined ? undefined : new VerifiedTokenCache(resolved.cache);

  return new TokenVerifier(resolved, { keys, clock, cache });
}

function buildPolicies(routes: readonly RouteDefinition[]): Map<RouteDefinition, RoutePolicy> {
  return new Map(routes.map((route) => [route, resolveRoutePolicy(route)]));
}

function bindServices(
  container: Container,
  resolved: ResolvedAuthenticationOptions,
  policies: ReadonlyMap<RouteDefinition, RoutePolicy>,
): void {
  if (!container.isBound(ROLE_RESOLVER)) {
    const resolver = new ClaimRoleResolver(resolved.roleClaim);
    container.bind<RoleResolver>(ROLE_RESOLVER).toConstantValue(resolver);
  }

  if (resolved.revocation && !container.isBound(REVOCATION_LIST)) {
    const list = new MemoryRevocationList(resolved.clock);
    container.bind<RevocationList>(REVOCATION_LIST).toConstantValue(list);
  }

  if (!container.isBound(SecurityContext)) {
    // One live view: it reads the request in progress, so no scope can capture a caller.
    container.bind(SecurityContext).toConstantValue(new SecurityContext(readCurrentState));
  }

  // Transient, like controllers: a policy may take request-scoped services, and
  // a singleton would keep the first caller's (red-team finding 1).
  for (const policy of listPolicyClasses(policies)) {
    if (!container.isBound(policy)) container.bind(policy).toSelf().inTransientScope();
  }
}

function listPolicyClasses(
  policies: ReadonlyMap<RouteDefinition, RoutePolicy>,
): Set<Newable<AuthorizationPolicy>> {
  return new Set([...policies.values()].flatMap((policy) => policy.policies));
}

function readRevocationList(container: Container, enabled: boolean): RevocationList | undefined {
  return enabled ? container.get<RevocationList>(REVOCATION_LIST) : undefined;
}

function describePolicy(policy: RoutePolicy | undefined): Record<string, unknown> {
  if (policy === undefined) return {};

  const format = (list: readonly (readonly string[])[]) => list.map((any) => any.join('|'));
  const names = policy.policies.map((each) => each.name);

  return {
    auth: policy.mode,
    ...(policy.roles.length > 0 ? { roles: format(policy.roles) } : {}),
    ...(policy.scopes.length > 0 ? { scopes: format(policy.scopes) } : {}),
    ...(policy.groups.length > 0 ? { groups: format(policy.groups) } : {}),
    ...(names.length > 0 ? { authorize: names } : {}),
  };
}
