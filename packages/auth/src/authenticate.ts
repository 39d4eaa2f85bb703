import type { Context, Middleware } from 'koa';
import type { JWTPayload } from 'jose';
import {
  getRequestId,
  getRouteResolution,
  RequestContext,
  type Logger,
  type RouteDefinition,
} from '@portico/core';

import { createChallengeError } from './challenge.js';
import { AuthError } from './errors.js';
import { readStringList, type RoleResolver } from './role-resolver.js';
import { REQUIRE_TOKEN, type RoutePolicy } from './route-policy.js';
import { freezeClaims, SECURITY_STATE, type SecurityState } from './security-context.js';
import type { TokenVerifier } from './verification/token-verifier.js';

/** What the authentication middleware works with, all prepared at start-up. */
export interface AuthenticateOptions {
  readonly policies: ReadonlyMap<RouteDefinition, RoutePolicy>;
  readonly verifier: TokenVerifier;
  readonly roleResolver: RoleResolver;
  readonly logger: Logger;
  readonly realm: string;
}

const BEARER = /^Bearer +([\w\-.~+/]+=*) *$/i;
const SCHEME = /^Bearer(?: |$)/i;

/**
 * Authenticates each request against the policy of the route it was matched
 * to (never a route of its own making), fills the security context, and
 * enforces role, scope and group requirements.
 */
export function createAuthenticationMiddleware(options: AuthenticateOptions): Middleware {
  const { policies, realm } = options;

  return async (ctx, next) => {
    const policy = findPolicy(ctx, policies);

    if (policy.mode === 'anonymous') {
      await next();
      return;
    }

    const token = readBearerToken(ctx, realm);

    if (token === undefined) {
      if (policy.mode === 'optional') {
        await next();
        return;
      }
      throw createChallengeError('ERR_AUTH_TOKEN_MISSING', realm);
    }

    const state = await establish(ctx, token, options);
    RequestContext.current().set(SECURITY_STATE, state);
    enforce(policy, state, realm);

    await next();
  };
}

function findPolicy(
  ctx: Context,
  policies: ReadonlyMap<RouteDefinition, RoutePolicy>,
): RoutePolicy {
  const resolution = getRouteResolution(ctx);

  // Unknown paths and wrong methods need a token, so callers cannot probe them.
  if (resolution.kind !== 'matched') return REQUIRE_TOKEN;

  return policies.get(resolution.route) ?? REQUIRE_TOKEN;
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
  } catch (error) {
    throw rejectToken(ctx, error, options);
  }

  const frozen = freezeClaims(claims);
  const roles = Object.freeze([...(await options.roleResolver.resolveRoles(frozen))]);
  const scopes = Object.freeze([...readStringList(frozen['scope'] ?? frozen['scp'])]);
  const groups = Object.freeze([...readStringList(frozen['groups'])]);

  return Object.freeze({ claims: frozen, roles, scopes, groups });
}

function rejectToken(ctx: Context, error: unknown, options: AuthenticateOptions): AuthError {
  const reason = error instanceof AuthError ? error.code : 'ERR_AUTH_TOKEN_MALFORMED';
  const requestId = getRequestId(ctx);

  options.logger.debug({ requestId, reason }, 'token rejected');

  if (reason === 'ERR_AUTH_KEYS_UNAVAILABLE') {
    return new AuthError(reason, undefined, { cause: error, headers: { 'Retry-After': '30' } });
  }

  return createChallengeError('ERR_AUTH_TOKEN_INVALID', options.realm, error);
}

function enforce(policy: RoutePolicy, state: SecurityState, realm: string): void {
  const satisfied =
    policy.roles.every((any) => any.some((role) => state.roles.includes(role))) &&
    policy.scopes.every((any) => any.some((scope) => state.scopes.includes(scope))) &&
    policy.groups.every((any) => any.some((group) => state.groups.includes(group)));

  if (!satisfied) throw createChallengeError('ERR_AUTH_FORBIDDEN', realm);
}
