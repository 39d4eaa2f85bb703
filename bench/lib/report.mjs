// Turns the raw samples into the Markdown tables printed by `pnpm bench`.
import { SCENARIOS } from './servers.mjs';

const GOALS = [
  { label: 'anonymous: portico / koa', a: 'health|portico', b: 'health|koa', target: 0.9 },
  {
    label: 'JWT fresh ES256: portico / koa+jose',
    a: 'data-es-fresh|portico',
    b: 'data-es-fresh|koa',
    target: 0.95,
  },
  {
    label: 'JWT fresh HS256: portico / koa+jose',
    a: 'data-hs-fresh|portico',
    b: 'data-hs-fresh|koa',
    target: 0.95,
  },
  {
    label: 'JWT + param fresh ES256: portico / koa+jose',
    a: 'users-es-fresh|portico',
    b: 'users-es-fresh|koa',
    target: 0.95,
  },
  { label: 'anonymous: portico / nestjs', a: 'health|portico', b: 'health|nest', target: 2 },
  {
    label: 'JWT fresh ES256: portico / nestjs',
    a: 'data-es-fresh|portico',
    b: 'data-es-fresh|nest',
    target: 2,
  },
  {
    label: 'anonymous: portico / routing-controllers',
    a: 'health|portico',
    b: 'health|routing-controllers',
    target: 1,
  },
  {
    label: 'JWT fresh ES256: portico / routing-controllers',
    a: 'data-es-fresh|portico',
    b: 'data-es-fresh|routing-controllers',
    target: 1,
  },
  {
    label: 'request scope used: portico /scoped / portico /health',
    a: 'scoped|portico',
    b: 'health|portico',
    target: 0.9,
  },
  {
    label: 'repeated ES256 token: portico+cache / koa+jose',
    a: 'data-es-repeated|portico-cache',
    b: 'data-es-repeated|koa',
    target: 2,
  },
  {
    label: 'repeated ES256 token: portico (no cache) / koa+jose',
    a: 'data-es-repeated|portico',
    b: 'data-es-repeated|koa',
    target: undefined,
  },
];

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function summarise(runs, median) {
  const rps = runs.map((run) => run.rps);
  return {
    rps: median(rps),
    min: Math.min(...rps),
    max: Math.max(...rps),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    rss: median(runs.map((run) => run.rssMiB)),
    errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
  };
}

export function printReport({ machine, settings, servers, samples, starts, median, json }) {
  const out = [];
  const summaries = new Map();

  for (const [key, runs] of samples) summaries.set(key, summarise(runs, median));

  out.push(`### Run`, '');
  out.push(`- date: ${machine.date}; command: \`${machine.command}\``);
  out.push(
    `- machine: ${machine.cores} cores (${machine.cpu}), ${machine.os}, Node ${machine.node}`,
  );
  out.push(`- 1-min load average (other work on the machine): ${machine.loadavg}`);
  out.push(`- ${machine.pinned}; ${settings.rounds} interleaved rounds of ${settings.duration} s`);
  out.push(
    `- ${settings.connections} connections; warm-up: ${settings.serverWarmupRequests} requests per route after each start, ` +
      `${settings.warmupRequests} more before each row; ` +
      `${settings.poolSize} distinct pre-minted tokens per algorithm; took ${fixed(machine.elapsedSeconds)} s`,
  );
  out.push('', '### Throughput and latency', '');
  out.push(
    '| scenario | server | req/s (median) | min–max | p50 ms | p99 ms | RSS after MiB | errors |',
  );
  out.push('|---|---|---:|---:|---:|---:|---:|---:|');

  for (const scenario of SCENARIOS) {
    for (const server of servers) {
      const row = summaries.get(`${scenario.id}|${server.id}`);

      if (row === undefined) continue;

      const spread = `${fixed(row.min)}–${fixed(row.max)}`;
      out.push(
        `| ${scenario.label} | ${server.name} | ${fixed(row.rps)} | ${spread} | ${fixed(row.p50, 1)} | ` +
          `${fixed(row.p99, 1)} | ${fixed(row.rss)} | ${row.errors} |`,
      );
    }
  }

  out.push('', '### Start-up and idle memory', '');
  out.push('| server | start to first served request ms (median) | min–max | idle RSS MiB |');
  out.push('|---|---:|---:|---:|');

  for (const server of servers) {
    const times = starts.get(server.id);

    if (times === undefined) continue;

    const spread = `${fixed(Math.min(...times))}–${fixed(Math.max(...times))}`;
    const rss = median(starts.get(`${server.id}:rss`));
    out.push(`| ${server.name} | ${fixed(median(times))} | ${spread} | ${fixed(rss)} |`);
  }

  out.push('', '### Goals (ratios of medians, same run)', '');
  out.push('| ratio | measured | goal | met |');
  out.push('|---|---:|---:|:---:|');

  for (const goal of GOALS) {
    const a = summaries.get(goal.a);
    const b = summaries.get(goal.b);

    if (a === undefined || b === undefined) continue;

    const ratio = a.rps / b.rps;
    const target = goal.target === undefined ? 'info' : `≥ ${goal.target}×`;
    const met = goal.target === undefined ? '' : ratio >= goal.target ? 'yes' : 'no';
    out.push(`| ${goal.label} | ${fixed(ratio, 2)}× | ${target} | ${met} |`);
  }

  process.stdout.write(`${out.join('\n')}\n`);

  if (json) {
    const raw = Object.fromEntries([...samples].map(([key, runs]) => [key, runs]));
    process.stdout.write(`\n${JSON.stringify({ machine, settings, raw }, null, 2)}\n`);
  }
}
