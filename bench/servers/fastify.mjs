// Fastify 5 with @fastify/jwt (fast-jwt underneath), deny by default through an
// onRequest hook; routes opt out with `config: { public: true }`.
import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';

import { announce, readBenchEnv, verifyKeyAsPem } from './shared.mjs';

const config = readBenchEnv();
const key = verifyKeyAsPem(config);
const app = Fastify({ logger: false });

await app.register(fastifyJwt, {
  secret: config.alg === 'HS256' ? key : { public: key },
  verify: {
    algorithms: [config.alg],
    allowedIss: config.issuer,
    allowedAud: config.audience,
  },
});

app.addHook('onRequest', async (request) => {
  if (request.routeOptions.config.public === true) return;

  await request.jwtVerify();
});

app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
app.get('/data', async () => ({ secret: 'data' }));
app.get('/users/:id', async (request) => ({ id: request.params.id, sub: request.user.sub }));

const address = await app.listen({ port: config.port, host: '127.0.0.1' });
announce('fastify', new URL(address).port);
