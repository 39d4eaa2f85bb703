/** How the example app authenticates callers. */
export type AuthConfig =
  | { readonly mode: 'development' }
  | {
      readonly mode: 'external';
      readonly issuer: string;
      readonly audience: string;
      readonly jwksUri: string;
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
 * `AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_JWKS_URI` and `AUTH_ALGORITHMS`.
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

  if (issuer === undefined || audience === undefined || jwksUri === undefined || given.length < 3) {
    throw new Error('Set all of AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URI, or none of them.');
  }

  const algorithms = (env['AUTH_ALGORITHMS'] ?? 'RS256,ES256')
    .split(',')
    .map((each) => each.trim());

  return { mode: 'external', issuer, audience, jwksUri, algorithms };
}
