/**
 * `npm run bench:noisy`: is one tenant's flood everyone's problem? 39 tenants share a steady load
 * (closed loop, QUIET_CONNECTIONS connections, requests spread over them) on one carros-api, first
 * alone, then while a 40th tenant sends requests at a fixed rate equal to the robot's whole
 * throughput at full load (measured first), open loop from a process of its own. Rounds alternate
 * the two, side by side in one run; the load generators share this machine's cores with the
 * robot, the master, MySQL and Redis. Prints the 39's throughput and p99 in both, their ratios,
 * and what happened to the flood (429s). Aim: ≥ 0.7× the throughput and ≤ 2× the p99.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectOnce, freePort, quoteIdentifier } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { spawnMaster, waitForHttp } from '@helix/testing';
import { createUnthrottledPlan, onboardActiveTenant, onboardManyActiveTenants } from '../libs/robot-core/src/testing/test-platform';
import { cpuByProcess } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUIET_TENANTS = 39;
const QUIET_CONNECTIONS = Number(process.env.BENCH_QUIET_CONNECTIONS ?? 8);
const FULL_LOAD_CONNECTIONS = 50;
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 200);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface FloodResult {
  sent: number;
  rate: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** GET /veiculos for `keys` in turn, closed loop. */
function load(url: string, keys: string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let i = 0;
  const requests: autocannon.Request[] = [{ method: 'GET', path: '/veiculos', setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-tenant-key': keys[i++ % keys.length] } }) }];
  return autocannon({ url, connections, duration: seconds, requests });
}

function flood(url: string, key: string, rate: number, seconds: number): Promise<FloodResult> {
  const child = fork(path.join(__dirname, 'noisy-flood.ts'), [], {
    cwd: ROOT,
    execPath: TSX,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, FLOOD_URL: url, FLOOD_KEY: key, FLOOD_RATE: String(Math.round(rate)), FLOOD_SECONDS: String(seconds), FLOOD_CONNECTIONS: String(FLOOD_CONNECTIONS) },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as FloodResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`flood generator exited with ${code}`)));
  });
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

async function main() {
  process.stdout.write(`bench:noisy — ${QUIET_TENANTS} quiet tenants and one flooding, on carros-api with Redis at ${REDIS_URL}\n`);
  const master = await spawnMaster({ env: { REDIS_URL } });
  const root = await connectOnce(master.mysqlUrl);
  const children: ChildProcess[] = [];
  try {
    // The quiet tenants' own rates must not be what limits them: only the flooder is on a plan with limits.
    const unthrottled = await createUnthrottledPlan(master);
    const quiet = await onboardManyActiveTenants(master, 'quieta_', QUIET_TENANTS, 'carros', { planoId: unthrottled });
    const noisy = await onboardActiveTenant(master, 'barulhenta', 'carros');
    for (const key of [...quiet, noisy.key]) {
      const db = quoteIdentifier(tenantDatabaseName(master.prefix, 'carros', key));
      await root.query(`INSERT INTO ${db}.cars (brand, model, year, price, mileage, color) VALUES ('Toyota','Corolla',2022,118900,32000,'Prata'),('Honda','Civic',2021,109900,41000,'Preto'),('VW','Polo',2023,89900,12000,'Branco')`);
    }
    const port = await freePort();
    const robot = spawn(TSX, ['--title=carros-api', 'apps/carros-api/src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), MASTER_URL: master.url, SERVICE_TOKEN: master.serviceTokens.carros, REDIS_URL, REDIS_KEY_PREFIX: `${master.prefix}:` },
    });
    children.push(robot);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`, robot);
    const cpu = cpuByProcess();

    await load(url, [...quiet, noisy.key], FULL_LOAD_CONNECTIONS, 3);
    const fullLoad = await load(url, quiet, FULL_LOAD_CONNECTIONS, 5);
    const floodRate = fullLoad.requests.average;
    process.stdout.write(`robot's throughput at full load (${FULL_LOAD_CONNECTIONS} connections): ${floodRate.toFixed(0)} req/s — the flood's rate\n`);

    const alone: autocannon.Result[] = [];
    const flooded: autocannon.Result[] = [];
    const floods: FloodResult[] = [];
    let cpuAlone = 0;
    let cpuFlooded = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      let before = cpu();
      alone.push(await load(url, quiet, QUIET_CONNECTIONS, SECONDS));
      cpuAlone += (cpu().get('carros-api') ?? 0) - (before.get('carros-api') ?? 0);
      before = cpu();
      const [quietRun, floodRun] = await Promise.all([load(url, quiet, QUIET_CONNECTIONS, SECONDS), flood(url, noisy.key, floodRate, SECONDS)]);
      cpuFlooded += (cpu().get('carros-api') ?? 0) - (before.get('carros-api') ?? 0);
      flooded.push(quietRun);
      floods.push(floodRun);
      process.stdout.write(
        `round ${round}: quiet alone ${alone.at(-1)!.requests.average.toFixed(0)} req/s p99 ${alone.at(-1)!.latency.p99} ms; ` +
          `with the flood ${quietRun.requests.average.toFixed(0)} req/s p99 ${quietRun.latency.p99} ms; flood ${floodRun.rate.toFixed(0)} req/s, ${JSON.stringify(floodRun.byStatus)}\n`,
      );
    }

    const rps = (runs: autocannon.Result[]) => mean(runs.map((r) => r.requests.average));
    const p99 = (runs: autocannon.Result[]) => mean(runs.map((r) => r.latency.p99));
    const errors = (runs: autocannon.Result[]) => runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    const refused = floods.reduce((sum, f) => sum + (f.byStatus['429'] ?? 0), 0);
    const served = floods.reduce((sum, f) => sum + (f.byStatus['200'] ?? 0), 0);
    const sent = floods.reduce((sum, f) => sum + f.sent, 0);
    const throughputRatio = rps(flooded) / rps(alone);
    const p99Ratio = p99(flooded) / p99(alone);
    console.log(`\n${QUIET_TENANTS} quiet tenants, GET /veiculos, ${QUIET_CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each way, alternating`);
    console.log(`alone            ${rps(alone).toFixed(0).padStart(7)} req/s  p99 ${p99(alone).toFixed(1).padStart(6)} ms  errors ${errors(alone)}`);
    console.log(`with the flood   ${rps(flooded).toFixed(0).padStart(7)} req/s  p99 ${p99(flooded).toFixed(1).padStart(6)} ms  errors ${errors(flooded)}`);
    console.log(`ratio            ${throughputRatio.toFixed(2)}× throughput (aim ≥ 0.70), ${p99Ratio.toFixed(2)}× p99 (aim ≤ 2.00); rounds: ${flooded.map((r, i) => (r.requests.average / alone[i].requests.average).toFixed(2)).join(', ')}`);
    console.log(`flooding tenant  asked ${floodRate.toFixed(0)} req/s, sent ${(sent / (ROUNDS * SECONDS)).toFixed(0)} req/s: ${refused} answered 429 RATE_LIMITED, ${served} served (its plan's rate), of ${sent}`);
    console.log(`robot CPU per quiet request: ${((cpuAlone / Math.max(1, mean(alone.map((r) => r.requests.total)) * ROUNDS))).toFixed(0)} µs alone; per request of any kind with the flood: ${(cpuFlooded / Math.max(1, flooded.reduce((s, r) => s + r.requests.total, 0) + sent)).toFixed(0)} µs`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await root.end();
    await master.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
