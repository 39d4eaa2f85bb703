// Every server under test, and the scenarios each is driven with.

/** `script` is relative to bench/; TypeScript servers run from dist/. */
export const SERVERS = [
  { name: 'node:http + jose', id: 'node-http', script: 'servers/node-http.mjs' },
  { name: 'koa + @koa/router + jose', id: 'koa', script: 'servers/koa.mjs' },
  { name: 'portico', id: 'portico', script: 'dist/servers/portico.js', scoped: true },
  {
    name: 'portico + token cache',
    id: 'portico-cache',
    script: 'dist/servers/portico.js',
    env: { BENCH_TOKEN_CACHE: '1' },
    repeatedOnly: true,
  },
  { name: 'fastify + @fastify/jwt', id: 'fastify', script: 'servers/fastify.mjs' },
  {
    name: 'routing-controllers (koa)',
    id: 'routing-controllers',
    script: 'dist/servers/routing-controllers.js',
  },
  { name: 'nestjs (express)', id: 'nest', script: 'dist/servers/nest.js' },
];

/** Scenarios by the key the servers verify with; one server process per algorithm. */
export const SCENARIOS = [
  { id: 'health', label: 'GET /health (anonymous)', alg: 'ES256', path: '/health', token: 'none' },
  {
    id: 'scoped',
    label: 'GET /scoped (anonymous, request scope used)',
    alg: 'ES256',
    path: '/scoped',
    token: 'none',
    scopedOnly: true,
  },
  {
    id: 'data-es-fresh',
    label: 'GET /data ES256, fresh token',
    alg: 'ES256',
    path: '/data',
    token: 'fresh',
  },
  {
    id: 'data-es-repeated',
    label: 'GET /data ES256, repeated token',
    alg: 'ES256',
    path: '/data',
    token: 'repeated',
  },
  {
    id: 'users-es-fresh',
    label: 'GET /users/:id ES256, fresh token',
    alg: 'ES256',
    path: '/users/:id',
    token: 'fresh',
  },
  {
    id: 'data-hs-fresh',
    label: 'GET /data HS256, fresh token',
    alg: 'HS256',
    path: '/data',
    token: 'fresh',
  },
  {
    id: 'data-hs-repeated',
    label: 'GET /data HS256, repeated token',
    alg: 'HS256',
    path: '/data',
    token: 'repeated',
  },
];

export function scenariosFor(server, alg) {
  return SCENARIOS.filter((scenario) => {
    if (scenario.alg !== alg) return false;
    if (scenario.scopedOnly && !server.scoped) return false;
    if (server.repeatedOnly && scenario.token !== 'repeated') return false;

    return true;
  });
}
