import { importJWK, type CryptoKey, type JWTVerifyOptions } from 'jose';

/** What every bench server reads from its environment; the harness sets it. */
export interface BenchEnv {
  readonly port: number;
  readonly issuer: string;
  readonly audience: string;
  readonly alg: 'ES256' | 'HS256';
  /** A public JWK as JSON (ES256) or the base64url secret (HS256). */
  readonly key: string;
}

export function readBenchEnv(): BenchEnv {
  const env = process.env;
  const alg = env['BENCH_ALG'] ?? 'ES256';

  if (alg !== 'ES256' && alg !== 'HS256') throw new TypeError(`unsupported BENCH_ALG ${alg}`);

  return {
    port: Number(env['PORT'] ?? 0),
    issuer: required(env['BENCH_ISSUER'], 'BENCH_ISSUER'),
    audience: required(env['BENCH_AUDIENCE'], 'BENCH_AUDIENCE'),
    alg,
    key: required(env['BENCH_KEY'], 'BENCH_KEY'),
  };
}

export async function importVerifyKey(config: BenchEnv): Promise<CryptoKey | Uint8Array> {
  if (config.alg === 'HS256') return Buffer.from(config.key, 'base64url');

  return importJWK(JSON.parse(config.key) as Record<string, string>, 'ES256');
}

export function verifyOptionsOf(config: BenchEnv): JWTVerifyOptions {
  return { issuer: config.issuer, audience: config.audience, algorithms: [config.alg] };
}

export function readBearer(header: unknown): string | undefined {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;

  return header.slice(7);
}

export function announce(name: string, port: number): void {
  process.stdout.write(`${name} listening on 127.0.0.1:${String(port)}\n`);
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new TypeError(`${name} is required`);

  return value;
}
