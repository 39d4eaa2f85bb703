// `pnpm bench:soak`: Portico at a fixed request rate for a minute, fresh
// ES256 token on every request; reports RSS at start and end and fails on any
// error or non-2xx response.
//
//   node soak.mjs [--seconds 60] [--rate 1000] [--connections 16]
import { parseArgs } from 'node:util';

import {
  generateKeys,
  pinProcess,
  planCores,
  readRssMiB,
  startLoadWorker,
  startServer,
  stopServer,
} from './lib/harness.mjs';
import { SCENARIOS, SERVERS } from './lib/servers.mjs';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '16' },
  },
});

const seconds = Number(args.seconds);
const rate = Number(args.rate);
const cores = planCores();
const log = (line) => process.stdout.write(`${line}\n`);

if (cores.pin) pinProcess(process.pid, cores.load);

const keys = await generateKeys();
const load = await startLoadWorker(cores, keys, 20_000);
const portico = SERVERS.find((server) => server.id === 'portico');
const scenario = SCENARIOS.find((each) => each.id === 'users-es-fresh');
const server = await startServer(portico, { alg: 'ES256', keys, cores });
const origin = `http://127.0.0.1:${server.port}`;
const samples = [];

try {
  const { failures } = await load.call({ type: 'check', origin, alg: 'ES256' });

  if (failures.length > 0) throw new Error(`portico failed checks:\n${failures.join('\n')}`);

  const rssStart = readRssMiB(server.child.pid);
  const sampler = setInterval(() => samples.push(readRssMiB(server.child.pid)), 5000);
  log(
    `soak: ${scenario.label} at ${rate} req/s for ${seconds} s; RSS at start ${rssStart.toFixed(1)} MiB`,
  );

  const result = await load.call({
    type: 'run',
    origin,
    scenario,
    warmupRequests: 0,
    duration: seconds,
    connections: Number(args.connections),
    rate,
  });
  clearInterval(sampler);

  const rssEnd = readRssMiB(server.child.pid);
  const failed = result.errors + result.non2xx;
  log(
    `requests: ${result.total} (${result.rps.toFixed(0)} req/s), p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  log(
    `RSS MiB: start ${rssStart.toFixed(1)}, end ${rssEnd.toFixed(1)}, peak ${Math.max(...samples, rssEnd).toFixed(1)}`,
  );
  log(`RSS every 5 s: ${samples.map((each) => each.toFixed(0)).join(' ')}`);
  log(`errors: ${result.errors}, non-2xx: ${result.non2xx}`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await stopServer(server);
  load.close();
}
