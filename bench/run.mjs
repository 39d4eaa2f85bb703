// `pnpm bench`: every server, every scenario, in interleaved rounds; prints
// median req/s with the min–max spread, p50/p99 latency, RSS and the goal ratios.
//
//   node run.mjs [--quick] [--rounds N] [--duration S] [--connections N] [--only id,id]
import { arch, cpus, loadavg, release } from 'node:os';
import { parseArgs } from 'node:util';

import {
  generateKeys,
  median,
  pinProcess,
  planCores,
  readCpuMs,
  readRssMiB,
  startLoadWorker,
  startServer,
  stopServer,
} from './lib/harness.mjs';
import { SCENARIOS, SERVERS, scenariosFor } from './lib/servers.mjs';
import { printReport } from './lib/report.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
    pool: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const settings = {
  rounds: Number(args.rounds ?? (args.quick ? 2 : 3)),
  duration: Number(args.duration ?? (args.quick ? 1 : 5)),
  serverWarmupRequests: args.quick ? 500 : 10_000,
  warmupRequests: args.quick ? 0 : 2000,
  connections: Number(args.connections ?? 32),
  poolSize: Number(args.pool ?? 20_000),
};
const only = args.only?.split(',');
const servers = SERVERS.filter((server) => only === undefined || only.includes(server.id));
const cores = planCores();
const log = (line) => process.stderr.write(`${line}\n`);

if (cores.pin) pinProcess(process.pid, cores.load);

const keys = await generateKeys();
const load = await startLoadWorker(cores, keys, settings.poolSize);
log(`minted ${settings.poolSize} distinct tokens per algorithm in ${load.mintMs.toFixed(0)} ms`);

const samples = new Map();
const starts = new Map();
const record = (map, key, value) => map.set(key, [...(map.get(key) ?? []), value]);
const began = performance.now();
const loadBefore = loadavg()[0];

async function startAll(alg, order) {
  const running = new Map();

  for (const server of order) {
    if (scenariosFor(server, alg).length === 0) continue;

    const started = await startServer(server, { alg, keys, cores });
    running.set(server, started);

    if (alg === 'ES256') record(starts, server.id, started.startupMs);
    if (alg === 'ES256') record(starts, `${server.id}:rss`, started.idleRssMiB);

    const origin = `http://127.0.0.1:${started.port}`;
    const { failures } = await load.call({ type: 'check', origin, alg });

    if (failures.length > 0) {
      throw new Error(`${server.id} ${alg} failed checks:\n${failures.join('\n')}`);
    }

    const scenarios = scenariosFor(server, alg);
    const requests = settings.serverWarmupRequests;
    await load.call({
      type: 'warm',
      origin,
      scenarios,
      requests,
      connections: settings.connections,
    });
  }

  return running;
}

async function measureRow(server, running, scenario) {
  const origin = `http://127.0.0.1:${running.port}`;
  const cpuBefore = readCpuMs(running.child.pid);
  const wallBefore = performance.now();
  const result = await load.call({ type: 'run', origin, scenario, ...settings });
  const cpuMs = readCpuMs(running.child.pid) - cpuBefore;

  // Includes the row's warm-up, which runs flat out too.
  result.serverCpu = cpuMs / (performance.now() - wallBefore);
  result.rssMiB = readRssMiB(running.child.pid);
  record(samples, `${scenario.id}|${server.id}`, result);

  const usage = `server ${(result.serverCpu * 100).toFixed(0)}% load ${(result.loadCpu * 100).toFixed(0)}%`;
  log(
    `  ${server.id.padEnd(20)} ${scenario.id.padEnd(17)} ${result.rps.toFixed(0)} req/s ${usage}`,
  );
}

const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);

// All servers of one algorithm run at once (idle ones cost nothing) so that each
// scenario is measured on every server back to back, in a rotated order: a burst
// of other work on the machine then hits all servers of a row, not one.
for (const alg of ['ES256', 'HS256']) {
  const scenarios = SCENARIOS.filter((scenario) => scenario.alg === alg);

  for (let round = 0; round < settings.rounds; round += 1) {
    log(`${alg} round ${round + 1}/${settings.rounds}`);
    const running = await startAll(alg, rotate(servers, round));

    try {
      for (const [index, scenario] of scenarios.entries()) {
        for (const server of rotate(servers, round + index)) {
          const target = running.get(server);

          if (target !== undefined && scenariosFor(server, alg).includes(scenario)) {
            await measureRow(server, target, scenario);
          }
        }
      }
    } finally {
      for (const target of running.values()) await stopServer(target);
    }
  }
}

load.close();

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cores.cores,
  os: `${release()} ${arch()}`,
  pinned: cores.pin ? `server on core ${cores.server}, load on core ${cores.load}` : 'not pinned',
  command: `pnpm bench${args.quick ? ' --quick' : ''}`,
  elapsedSeconds: (performance.now() - began) / 1000,
  loadavg: `${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
};
printReport({ machine, settings, servers, samples, starts, median, json: args.json });
