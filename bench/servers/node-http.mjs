// The ceiling: raw node:http with jose and a hand-rolled three-route switch.
import { createServer } from 'node:http';

import { jwtVerify } from 'jose';

import { announce, importVerifyKey, readBearer, readBenchEnv, verifyOptionsOf } from './shared.mjs';

const config = readBenchEnv();
const key = await importVerifyKey(config);
const verifyOptions = verifyOptionsOf(config);
const USER_PATH = /^\/users\/([^/]+)$/;

function send(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

async function verify(req) {
  const token = readBearer(req.headers.authorization);

  if (token === undefined) return undefined;

  try {
    const { payload } = await jwtVerify(token, key, verifyOptions);
    return payload;
  } catch {
    return undefined;
  }
}

async function handle(req, res) {
  const queryAt = req.url.indexOf('?');
  const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);

  if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });

  const user = await verify(req);

  if (user === undefined) {
    return send(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
  }

  const match = req.method === 'GET' ? USER_PATH.exec(path) : null;

  if (req.method === 'GET' && path === '/data') return send(res, 200, { secret: 'data' });
  if (match !== null) return send(res, 200, { id: decodeURIComponent(match[1]), sub: user.sub });

  return send(res, 404, { error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { error: 'internal' }));
});
server.listen(config.port, '127.0.0.1', () => {
  announce('node-http', server.address().port);
});
