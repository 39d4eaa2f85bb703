import { createMetadataDecorator } from '@portico/core';

import { AUTH_MODE } from '../metadata.js';

/**
 * Makes a route (method) or every route of a controller (class) public: the
 * `Authorization` header is not read, and the security context stays empty.
 *
 * @example
 * ```ts
 * @get('/health') @allowAnonymous() health() { return { status: 'ok' }; }
 * ```
 */
export function allowAnonymous(): ClassDecorator & MethodDecorator {
  return createMetadataDecorator(AUTH_MODE, 'anonymous');
}

/**
 * Accepts requests without a token, but validates a token that is present: a
 * valid one fills the security context, an invalid one is rejected with 401.
 */
export function optionalAuth(): ClassDecorator & MethodDecorator {
  return createMetadataDecorator(AUTH_MODE, 'optional');
}
