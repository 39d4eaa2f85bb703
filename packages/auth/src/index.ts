export { authentication } from './authentication.js';
export { allowAnonymous, optionalAuth } from './decorators/allow-anonymous.js';
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
export { AUTH_MODE, type AuthMode } from './metadata.js';
export type { AuthenticationOptions } from './options.js';
export { ClaimRoleResolver, ROLE_RESOLVER, type RoleResolver } from './role-resolver.js';
export { resolveRoutePolicy, type RoutePolicy } from './route-policy.js';
export { SecurityContext } from './security-context.js';
export type {
  KeySourceOptions,
  LocalKeysOptions,
  RemoteKeysOptions,
  SecretKeyOptions,
} from './verification/key-source.js';
