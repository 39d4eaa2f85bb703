/** How the example app authenticates callers. */
export type AuthConfig =
  | { readonly mode: 'development' }
  | {
      readonly mode: 'external';
      readonly issuer: string;
      readonly audience: string;
      /** Without it, keys come from the issuer's OpenID discovery document. */
      readonly jwksUri: string | undefined;
      readonly algorithms: readonly string[];
    };

/** Everything the example app reads from its environment. */
export interface ExampleConfig {
  readonly host: string;
  readonly port: number;
  readonly auth: AuthConfig;
  readonly logLevel: string;
}

/** The audience of tokens from the embedded development issuer. */
export const DEVELOPMENT_AUDIENCE = 'portico-example';

/**
 * Reads `HOST`, `PORT`, `LOG_LEVEL` and, for an external issuer,
 * `AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_ALGORITHMS` and optionally
 * `AUTH_JWKS_URI` (without it, the issuer's discovery document names the keys).
 *
 * @throws Error naming the variable that is wrong
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ExampleConfig {
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port: readPort(env['PORT']),
    auth: readAuth(env),
    logLevel: env['LOG_LEVEL'] ?? 'info',
  };
}

function readPort(value: string | undefined): number {
  const port = Number(value ?? '3000');

  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value ?? ''}".`);
  }

  return port;
}

function readAuth(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const issuer = env['AUTH_ISSUER'];
  const audience = env['AUTH_AUDIENCE'];
  const jwksUri = env['AUTH_JWKS_URI'];
  const given = [issuer, audience, jwksUri].filter((each) => each !== undefined && each !== '');

  if (given.length === 0) return { mode: 'development' };

  if (issuer === undefined || issuer === '' || audience === undefined || audience === '') {
    throw new Error('Set AUTH_ISSUER and AUTH_AUDIENCE (and optionally AUTH_JWKS_URI), or none.');
  }

  const algorithms = (env['AUTH_ALGORITHMS'] ?? 'RS256,ES256')
    .split(',')
    .map((each) => each.trim());

  const keys = jwksUri === '' ? undefined : jwksUri;
  return { mode: 'external', issuer, audience, jwksUri: keys, algorithms };
}
