import type { PorticoPlugin } from '@portico/core';

import { authentication } from '../authentication.js';
import type { AuthenticationOptions } from '../options.js';
import type { TestIssuer } from './test-issuer.js';

/**
 * The authentication plugin trusting `issuer`'s local keys, issuer and
 * audience; `overrides` replace any option.
 *
 * @example
 * ```ts
 * const issuer = await createTestIssuer();
 * const app = await createApplication({ controllers, use: [trustIssuer(issuer)] });
 * ```
 */
export function trustIssuer(
  issuer: TestIssuer,
  overrides: Partial<AuthenticationOptions> = {},
): PorticoPlugin {
  return authentication({
    issuer: issuer.issuer,
    audience: issuer.audience,
    algorithms: [issuer.algorithm],
    keys: { jwks: issuer.jwks },
    ...overrides,
  });
}
