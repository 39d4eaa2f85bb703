export { authentication } from './authentication.js';
export type {
  AuthorizationPolicy,
  AuthorizationRequest,
} from './authorization/authorization-policy.js';
export { allowAnonymous, optionalAuth } from './decorators/allow-anonymous.js';
export { authorize } from './decorators/authorize.js';
export { claims, principal } from './decorators/principal.js';
export {
  requiresGroup,
  requiresRole,
  requiresScope,
  type RequirementDecorator,
} from './decorators/requirements.js';
export {
  AUTH_ERROR_CODES,
  AuthError,
  RETIRED_AUTH_ERROR_CODES,
  type AuthErrorCode,
} from './errors.js';
export { AUTH_MODE, AUTH_PLUGIN, type AuthMode } from './metadata.js';
export type { AuthenticationOptions } from './options.js';
export { MemoryRevocationList } from './revocation/memory-revocation-list.js';
export { REVOCATION_LIST, type RevocationList } from './revocation/revocation-list.js';
export { ClaimRoleResolver, ROLE_RESOLVER, type RoleResolver } from './role-resolver.js';
export { resolveRoutePolicy, type RoutePolicy } from './route-policy.js';
export { SecurityContext } from './security-context.js';
export type { FetchFunction } from './verification/fetch-json.js';
export type {
  DiscoveryKeysOptions,
  KeySourceOptions,
  LocalKeysOptions,
  PublicKeysOptions,
  RemoteFetchOptions,
  RemoteKeysOptions,
  SecretKeyOptions,
} from './verification/key-source.js';
export type { TokenCacheOptions } from './verification/verified-token-cache.js';
