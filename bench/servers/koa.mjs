// The floor: bare Koa + @koa/router with a hand-written jose middleware that
// skips /health. Portico adds its pipeline on top of exactly this.
import Router from '@koa/router';
import { jwtVerify } from 'jose';
import Koa from 'koa';

import { announce, importVerifyKey, readBearer, readBenchEnv, verifyOptionsOf } from './shared.mjs';

const config = readBenchEnv();
const key = await importVerifyKey(config);
const verifyOptions = verifyOptionsOf(config);

async function authenticate(ctx, next) {
  if (ctx.path === '/health') return next();

  const token = readBearer(ctx.get('authorization'));

  try {
    if (token === undefined) throw new Error('no token');
    ({ payload: ctx.state.user } = await jwtVerify(token, key, verifyOptions));
  } catch {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer');
    ctx.body = { error: 'unauthorized' };
    return;
  }

  return next();
}

const router = new Router();
router.get('/health', (ctx) => {
  ctx.body = { status: 'ok' };
});
router.get('/data', (ctx) => {
  ctx.body = { secret: 'data' };
});
router.get('/users/:id', (ctx) => {
  ctx.body = { id: ctx.params.id, sub: ctx.state.user.sub };
});

const app = new Koa();
app.use(authenticate);
app.use(router.routes());
app.use(router.allowedMethods());

const server = app.listen(config.port, '127.0.0.1', () => {
  announce('koa', server.address().port);
});
