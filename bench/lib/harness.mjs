// Process plumbing shared by the bench and the soak: keys, pinning, spawning
// servers, timing their start-up, reading their RSS and talking to the load side.
import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

import { exportJWK, generateKeyPair } from 'jose';

export const ISSUER = 'https://issuer.bench.local';
export const AUDIENCE = 'portico-bench';

const TASKSET = '/usr/bin/taskset';
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Core plan: the server gets core 0, the load side (and this process) core 1. */
export function planCores() {
  const cores = Number(execFileSync('nproc').toString().trim());
  const pin = existsSync(TASKSET) && cores >= 2;
  return { pin, server: '0', load: '1', cores };
}

export function pinProcess(pid, core) {
  execFileSync(TASKSET, ['-a', '-p', '-c', core, String(pid)], { stdio: 'ignore' });
}

/** Fresh keys for this run only; nothing is written to disk. */
export async function generateKeys() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const hs256Secret = randomBytes(32).toString('base64url');
  return {
    es256PublicJwk: { ...(await exportJWK(publicKey)), alg: 'ES256', kid: 'bench-es256' },
    es256PrivateJwk: await exportJWK(privateKey),
    hs256Secret,
  };
}

export function verifyKeyFor(keys, alg) {
  return alg === 'HS256' ? keys.hs256Secret : JSON.stringify(keys.es256PublicJwk);
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function readRssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kib / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms. */
export function readCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of proc(5), in clock ticks (100 Hz on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function getStatus(port, path) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

// Servers still running when the harness exits (say, after a failed check) are
// ended with it, so no bench server outlives the run.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts one server and waits for its first served `GET /health`.
 *
 * @returns the child, its port, start-up time in ms and idle RSS in MiB
 */
export async function startServer(definition, { alg, keys, cores, extraEnv = {} }) {
  const port = await freePort();
  const script = new URL(definition.script, new URL(`file://${BENCH_DIR}/`));
  const nodeArgs = [fileURLToPath(script)];
  const command = cores.pin ? TASKSET : process.execPath;
  const args = cores.pin ? ['-c', cores.server, process.execPath, ...nodeArgs] : nodeArgs;
  const env = {
    ...process.env,
    ...definition.env,
    ...extraEnv,
    NODE_ENV: 'production',
    PORT: String(port),
    BENCH_ISSUER: ISSUER,
    BENCH_AUDIENCE: AUDIENCE,
    BENCH_ALG: alg,
    BENCH_KEY: verifyKeyFor(keys, alg),
  };
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = false;
  children.add(child);
  child.on('exit', () => {
    exited = true;
    children.delete(child);
  });

  for (let attempt = 0; attempt < 3000; attempt += 1) {
    if (exited) throw new Error(`${definition.name} exited during start-up:\n${stderr}`);
    if ((await getStatus(port, '/health')) === 200) break;
    await sleep(5);
  }

  const startupMs = performance.now() - started;
  await sleep(250);
  return { child, port, startupMs, idleRssMiB: readRssMiB(child.pid), stderr: () => stderr };
}

export async function stopServer(server) {
  if (server.child.exitCode !== null) return;

  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);

  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** The load side as a separate process, pinned to the load core. */
export async function startLoadWorker(cores, keys, poolSize) {
  const child = fork(fileURLToPath(new URL('./load-worker.mjs', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  if (cores.pin) pinProcess(child.pid, cores.load);

  let nextId = 0;
  const pending = new Map();
  child.on('message', (message) => {
    const entry = pending.get(message.id);
    pending.delete(message.id);

    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.error));
  });

  const call = (message) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      child.send({ ...message, id: nextId });
    });

  const { mintMs } = await call({
    type: 'init',
    issuer: ISSUER,
    audience: AUDIENCE,
    es256PrivateJwk: keys.es256PrivateJwk,
    hs256Secret: keys.hs256Secret,
    poolSize,
  });

  return { call, mintMs, close: () => child.disconnect() };
}

export function median(values) {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);

  if (sorted.length === 0) return Number.NaN;

  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
