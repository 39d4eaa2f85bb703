import type { Context, Middleware, Next } from 'koa';
import type { JWTPayload } from 'jose';
import type { Newable } from 'inversify';
import {
  getRequestId,
  getRouteResolution,
  RequestContext,
  type Logger,
  type RouteDefinition,
  type RouteResolution,
} from '@portico/core';

import type { AuthorizationPolicy } from './authorization/authorization-policy.js';
import { createChallengeError } from './challenge.js';
import { AuthError } from './errors.js';
import type { RevocationList } from './revocation/revocation-list.js';
import { readStringList, type RoleResolver } from './role-resolver.js';
import { REQUIRE_TOKEN, type RoutePolicy } from './route-policy.js';
import {
  freezeClaims,
  SECURITY_STATE,
  SecurityContext,
  type SecurityState,
} from './security-context.js';
import type { TokenVerifier } from './verification/token-verifier.js';

/** What the authentication middleware works with, all prepared at start-up. */
export interface AuthenticateOptions {
  readonly policies: ReadonlyMap<RouteDefinition, RoutePolicy>;
  readonly verifier: TokenVerifier;
  readonly roleResolver: RoleResolver;
  readonly revocationList: RevocationList | undefined;
  readonly resolvePolicy: (policy: Newable<AuthorizationPolicy>) => AuthorizationPolicy;
  readonly logger: Logger;
  readonly realm: string;
  readonly unknownRoutes: 'authenticate' | 'not-found';
}

const BEARER = /^Bearer +([\w\-.~+/]+=*) *$/i;
const SCHEME = /^Bearer(?: |$)/i;
const UNAVAILABLE = new Set(['ERR_AUTH_KEYS_UNAVAILABLE', 'ERR_AUTH_REVOCATION_UNAVAILABLE']);

/**
 * Authenticates each request against the policy of the route it was matched
 * to (never a route of its own making), fills the security context, and
 * enforces role, scope, group and `@authorize` requirements.
 */
export function createAuthenticationMiddleware(options: AuthenticateOptions): Middleware {
  // Not async: a request that needs no token passes on without an extra promise.
  return (ctx, next) => {
    const resolution = getRouteResolution(ctx);
    const policy = findPolicy(resolution, options);

    if (policy === undefined || policy.mode === 'anonymous') return next() as Promise<void>;

    return authenticate(ctx, next, { resolution, policy, options });
  };
}

interface Decision {
  readonly resolution: RouteResolution;
  readonly policy: RoutePolicy;
  readonly options: AuthenticateOptions;
}

async function authenticate(ctx: Context, next: Next, decision: Decision): Promise<void> {
  const { resolution, policy, options } = decision;
  const token = readBearerToken(ctx, options.realm);

  if (token === undefined) {
    if (policy.mode !== 'optional')
      throw createChallengeError('ERR_AUTH_TOKEN_MISSING', options.realm);

    await next();
    return;
  }

  const state = await establish(ctx, token, options);
  RequestContext.current().set(SECURITY_STATE, state);
  enforce(policy, state, options.realm);
  if (policy.policies.length > 0) await runPolicies(ctx, resolution, policy, options);

  await next();
}

// `undefined` means the request passes untouched to dispatch (404/405).
function findPolicy(
  resolution: RouteResolution,
  options: AuthenticateOptions,
): RoutePolicy | undefined {
  if (resolution.kind === 'matched') {
    return options.policies.get(resolution.route) ?? REQUIRE_TOKEN;
  }

  // Unknown paths and wrong methods need a token by default, so callers cannot probe them.
  return options.unknownRoutes === 'not-found' ? undefined : REQUIRE_TOKEN;
}

function readBearerToken(ctx: Context, realm: string): string | undefined {
  if (countAuthorizationHeaders(ctx) > 1) {
    throw createChallengeError('ERR_AUTH_INVALID_REQUEST', realm);
  }

  const header = ctx.get('Authorization');

  if (!SCHEME.test(header)) return undefined;

  const match = BEARER.exec(header);

  if (match === null) throw createChallengeError('ERR_AUTH_TOKEN_INVALID', realm);

  return match[1];
}

// Node keeps only the first of several Authorization headers; count them raw.
function countAuthorizationHeaders(ctx: Context): number {
  const raw = ctx.req.rawHeaders;
  let count = 0;

  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index]?.toLowerCase() === 'authorization') count++;
  }

  return count;
}

async function establish(
  ctx: Context,
  token: string,
  options: AuthenticateOptions,
): Promise<SecurityState> {
  let claims: JWTPayload;

  try {
    claims = await options.verifier.verify(token);
    if (options.revocationList) await assertNotRevoked(claims, options.revocationList);
  } catch (error) {
    throw rejectToken(ctx, error, options);
  }

  const frozen = freezeClaims(claims);
  // Await only an async resolver: each await is a promise, and under
  // AsyncLocalStorage on Node 20 every promise costs a hook.
  const resolving = options.roleResolver.resolveRoles(frozen);
  const resolved = resolving instanceof Promise ? await resolving : resolving;
  const roles = Object.freeze([...resolved]);
  const scopes = Object.freeze([...readStringList(frozen['scope'] ?? frozen['scp'])]);
  const groups = Object.freeze([...readStringList(frozen['groups'])]);

  return Object.freeze({ claims: frozen, roles, scopes, groups, realm: options.realm });
}

// Runs after the signature check, on cached tokens too; any failure fails closed.
async function assertNotRevoked(claims: JWTPayload, list: RevocationList) {
  if (typeof claims.jti !== 'string') throw new AuthError('ERR_AUTH_TOKEN_REVOKED');

  let revoked: boolean;

  try {
    revoked = await list.isRevoked(claims.jti);
  } catch (error) {
    throw new AuthError('ERR_AUTH_REVOCATION_UNAVAILABLE', undefined, { cause: error });
  }

  if (revoked) throw new AuthError('ERR_AUTH_TOKEN_REVOKED');
}

function rejectToken(ctx: Context, error: unknown, options: AuthenticateOptions): AuthError {
  const reason = error instanceof AuthError ? error.code : 'ERR_AUTH_TOKEN_MALFORMED';
  const requestId = getRequestId(ctx);

  options.logger.debug({ requestId, reason }, 'token rejected');

  if (UNAVAILABLE.has(reason)) {
    const headers = { 'Retry-After': '30' };
    return new AuthError(reason, undefined, { cause: error, headers });
  }

  return createChallengeError('ERR_AUTH_TOKEN_INVALID', options.realm, { cause: error });
}

function enforce(policy: RoutePolicy, state: SecurityState, realm: string): void {
  const satisfied =
    policy.roles.every((any) => any.some((role) => state.roles.includes(role))) &&
    policy.scopes.every((any) => any.some((scope) => state.scopes.includes(scope))) &&
    policy.groups.every((any) => any.some((group) => state.groups.includes(group)));

  if (satisfied) return;

  const scopes = [...new Set(policy.scopes.flat())];
  throw createChallengeError('ERR_AUTH_FORBIDDEN', realm, { scopes });
}

async function runPolicies(
  ctx: Context,
  resolution: RouteResolution,
  policy: RoutePolicy,
  options: AuthenticateOptions,
): Promise<void> {
  if (policy.policies.length === 0 || resolution.kind !== 'matched') return;

  const security = SecurityContext.current();
  const { route, params } = resolution;
  const request = { claims: security.claims, security, route, params, ctx };

  for (const each of policy.policies) {
    const allowed: unknown = await options.resolvePolicy(each).authorize(request);

    // Anything but a literal `true` denies, so a policy that forgets to return fails closed.
    if (allowed !== true) throw createChallengeError('ERR_AUTH_FORBIDDEN', options.realm);
  }
}
