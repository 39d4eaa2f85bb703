// The load side. Runs in its own process, pinned away from the server's core.
// It mints the token pools once (so signing never throttles the load), checks
// each server answers correctly, then drives it with autocannon on request.
import { randomUUID } from 'node:crypto';

import autocannon from 'autocannon';
import { importJWK, SignJWT } from 'jose';

const pools = new Map();
let claims;

async function mint(alg, key, count, overrides = {}) {
  const now = Math.floor(Date.now() / 1000);
  const tokens = [];

  for (let index = 0; index < count; index += 1) {
    const jwt = new SignJWT({ scope: 'bench' })
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuer(overrides.issuer ?? claims.issuer)
      .setAudience(overrides.audience ?? claims.audience)
      .setSubject(`user-${index}`)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (overrides.lifetime ?? 3600));
    tokens.push(await jwt.sign(key));
  }

  return tokens;
}

async function init(message) {
  claims = { issuer: message.issuer, audience: message.audience };
  const started = performance.now();
  const keys = {
    ES256: await importJWK(message.es256PrivateJwk, 'ES256'),
    HS256: Buffer.from(message.hs256Secret, 'base64url'),
  };

  for (const alg of ['ES256', 'HS256']) {
    const key = keys[alg];
    pools.set(alg, {
      fresh: await mint(alg, key, message.poolSize),
      repeated: (await mint(alg, key, 1))[0],
      wrongAudience: (await mint(alg, key, 1, { audience: 'someone-else' }))[0],
      wrongIssuer: (await mint(alg, key, 1, { issuer: 'https://elsewhere.invalid' }))[0],
      expired: (await mint(alg, key, 1, { lifetime: -120 }))[0],
    });
  }

  return { mintMs: performance.now() - started };
}

async function probe(url, token) {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, text };
}

/** Proves every server enforces the same contract before it is measured. */
async function check({ origin, alg }) {
  const pool = pools.get(alg);
  const failures = [];
  const expect = async (label, path, token, status, contains) => {
    const got = await probe(`${origin}${path}`, token);
    const ok = got.status === status && (contains === undefined || got.text.includes(contains));

    if (!ok) failures.push(`${label}: got ${got.status} ${got.text.slice(0, 80)}`);
  };

  await expect('health is anonymous', '/health', undefined, 200, '"ok"');
  await expect('data needs a token', '/data', undefined, 401);
  await expect('data accepts a good token', '/data', pool.repeated, 200, '"data"');
  await expect('wrong audience is rejected', '/data', pool.wrongAudience, 401);
  await expect('wrong issuer is rejected', '/data', pool.wrongIssuer, 401);
  await expect('expired token is rejected', '/data', pool.expired, 401);
  await expect('users reads the param', '/users/42', pool.fresh[7], 200, '"42"');
  await expect('users reads the subject', '/users/42', pool.fresh[7], 200, '"user-7"');
  await expect('users needs a token', '/users/42', undefined, 401);

  return { failures };
}

function buildRequests(scenario) {
  const pool = pools.get(scenario.alg);
  let cursor = 0;
  let userId = 0;
  const request = { method: 'GET', path: scenario.path };

  if (scenario.token === 'repeated') {
    request.headers = { authorization: `Bearer ${pool.repeated}` };
  }

  // A distinct token (and user id) on every request: autocannon rebuilds the
  // request whenever a setupRequest exists.
  if (scenario.token === 'fresh' || scenario.path.includes(':id')) {
    request.setupRequest = (req) => {
      const headers = { ...req.headers };

      if (scenario.token === 'fresh') {
        headers.authorization = `Bearer ${pool.fresh[cursor]}`;
        cursor = (cursor + 1) % pool.fresh.length;
      }

      userId = (userId + 1) % 1000;
      const path = scenario.path.replace(':id', String(userId));
      return { ...req, path, headers };
    };
  }

  return [request];
}

// autocannon notices the end of a run only on its sampling tick (default every
// second), so a short run or an `amount` warm-up would idle for up to a second.
const SAMPLE_MS = 100;

function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    const done = (error, result) => (error ? reject(error) : resolve(result));
    autocannon({ ...options, sampleInt: SAMPLE_MS }, done);
  });
}

async function run({ origin, scenario, warmupRequests, duration, connections, rate }) {
  const requests = buildRequests(scenario);
  const common = { url: origin, connections, requests, pipelining: 1 };

  if (warmupRequests > 0) await runAutocannon({ ...common, amount: warmupRequests });

  const options = { ...common, duration };

  if (rate !== undefined) options.overallRate = rate;

  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await runAutocannon(options);
  const cpu = process.cpuUsage(cpuBefore);
  const loadCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
  return {
    loadCpu,
    // Per-sample averages would be per 100 ms; divide completed requests by time instead.
    rps: result.requests.total / result.duration,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Drives every path of a fresh server once before anything is measured. */
async function warm({ origin, scenarios, requests, connections }) {
  for (const scenario of scenarios) {
    await runAutocannon({
      url: origin,
      connections,
      requests: buildRequests(scenario),
      amount: requests,
    });
  }

  return {};
}

const handlers = { init, check, run, warm };

process.on('message', (message) => {
  const handler = handlers[message.type];
  handler(message)
    .then((value) => process.send({ id: message.id, ok: true, value }))
    .catch((error) => process.send({ id: message.id, ok: false, error: String(error) }));
});
process.on('disconnect', () => process.exit(0));
