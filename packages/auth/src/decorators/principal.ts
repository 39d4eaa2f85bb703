import { createParamDecorator } from '@portico/core';

import { readCurrentState, SecurityContext } from '../security-context.js';

/**
 * Binds the caller's {@link SecurityContext} to a handler parameter: the
 * state the authentication middleware established for this request, without
 * a second token lookup.
 *
 * @example
 * ```ts
 * @get('/me') me(@principal() caller: SecurityContext) { return { sub: caller.subject }; }
 * ```
 */
export const principal: () => ParameterDecorator = createParamDecorator(() =>
  SecurityContext.current(),
);

/**
 * Binds the caller's verified, frozen claims (`{}` for an anonymous caller) to
 * a handler parameter; type it `Readonly<JWTPayload>` or your own claims type.
 *
 * @example
 * ```ts
 * @get('/me') me(@claims() claims: Readonly<JWTPayload>) { return { sub: claims.sub }; }
 * ```
 */
export const claims: () => ParameterDecorator = createParamDecorator(
  () => readCurrentState().claims ?? Object.freeze({}),
);
