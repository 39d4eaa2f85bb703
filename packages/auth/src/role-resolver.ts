import type { JWTPayload } from 'jose';

/**
 * Maps verified claims to the caller's roles. Bind your own implementation to
 * {@link ROLE_RESOLVER} to read roles from elsewhere (a database, a nested
 * claim); it may be async.
 */
export interface RoleResolver {
  resolveRoles(claims: Readonly<JWTPayload>): readonly string[] | Promise<readonly string[]>;
}

/** Container token of the application's {@link RoleResolver}. */
export const ROLE_RESOLVER = Symbol.for('portico:auth:role-resolver');

/**
 * The default resolver: reads a claim by dotted path (default `roles`) that
 * holds an array of strings or one space-separated string.
 *
 * @example
 * ```ts
 * new ClaimRoleResolver('realm_access.roles'); // Keycloak
 * ```
 */
export class ClaimRoleResolver implements RoleResolver {
  readonly #path: readonly string[];

  constructor(claimPath = 'roles') {
    if (claimPath.length === 0) {
      throw new TypeError('ClaimRoleResolver: "claimPath" must be a non-empty string.');
    }

    this.#path = claimPath.split('.');
  }

  resolveRoles(claims: Readonly<JWTPayload>): readonly string[] {
    let value: unknown = claims;

    for (const segment of this.#path) {
      value = isRecord(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
    }

    return readStringList(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a claim holding an array of strings or a space-separated string. */
export function readStringList(value: unknown): readonly string[] {
  if (typeof value === 'string') {
    return value.split(' ').filter((each) => each.length > 0);
  }

  if (Array.isArray(value)) {
    return value.filter((each): each is string => typeof each === 'string');
  }

  return [];
}
