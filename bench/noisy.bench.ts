/**
 * `npm run bench:noisy`: is one tenant's flood everyone's problem? 39 tenants share a steady load
 * (closed loop, QUIET_CONNECTIONS connections, requests spread over them) on one carros-api, first
 * alone, then while a 40th tenant sends requests at a fixed rate equal to the robot's whole
 * throughput at full load (measured first), open loop from a process of its own. Rounds alternate
 * the two, side by side in one run; the load generators share this machine's cores with the
 * robot, the master, MySQL and Redis. Prints the 39's throughput and p99 in both, their ratios,
 * and what happened to the flood (429s). Aim: ≥ 0.7× the throughput and ≤ 2× the p99.
 */
import { execFileSync, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectOnce, type RowDataPacket } from '@helix/db';
import { spawnMaster, spawnRobot, type SpawnedRobot } from '@helix/testing';
import { createUnthrottledPlan, onboardActiveTenant, onboardManyActiveTenants } from '@helix/robot-core/testing';
import { ROOT, seedThreeCars, TSX } from './carros-process';
import { cpuByProcess } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUIET_TENANTS = 39;
const QUIET_CONNECTIONS = Number(process.env.BENCH_QUIET_CONNECTIONS ?? 8);
const FULL_LOAD_CONNECTIONS = 50;
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 64);
/** The robot shares its rate limits through Redis, as deployed with several instances; REDIS_URL= (empty) runs it on its own memory. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface FloodResult {
  sent: number;
  rate: number;
  byStatus: Record<string, number>;
  /** Sent but not answered within 2 s of the end. */
  unanswered: number;
}

/** GET /veiculos for `keys` in turn, closed loop. */
function load(url: string, keys: string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let i = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'GET',
      path: '/veiculos',
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-tenant-key': keys[i++ % keys.length] } }),
    },
  ];
  return autocannon({ url, connections, duration: seconds, requests });
}

function flood(url: string, key: string, rate: number, seconds: number): Promise<FloodResult> {
  const child = fork(path.join(__dirname, 'noisy-flood.ts'), [], {
    cwd: ROOT,
    execPath: TSX,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      FLOOD_URL: url,
      FLOOD_KEY: key,
      FLOOD_RATE: String(Math.round(rate)),
      FLOOD_SECONDS: String(seconds),
      FLOOD_CONNECTIONS: String(FLOOD_CONNECTIONS),
    },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as FloodResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`flood generator exited with ${code}`)));
  });
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** Answers by status, e.g. {"200": 9000, "503": 12}. */
const byStatus = (result: autocannon.Result) =>
  Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, (stats as { count: number }).count]));

async function main() {
  process.stdout.write(
    `bench:noisy — ${QUIET_TENANTS} quiet tenants and one flooding, on carros-api with rate limits ${REDIS_URL ? `in Redis at ${REDIS_URL}` : 'in its own memory'}\n`,
  );
  const master = await spawnMaster({ env: { REDIS_URL } });
  const root = await connectOnce(master.mysqlUrl);
  let robot: SpawnedRobot | undefined;
  try {
    // The quiet tenants' own rates must not be what limits them: only the flooder is on a plan with limits.
    const unthrottled = await createUnthrottledPlan(master);
    const quiet = await onboardManyActiveTenants(master, 'quieta_', QUIET_TENANTS, 'carros', { planoId: unthrottled });
    const noisy = await onboardActiveTenant(master, 'barulhenta', 'carros');
    for (const key of [...quiet, noisy.key]) await seedThreeCars(root, master, key);
    robot = await spawnRobot(master, 'carros', { REDIS_URL }, { title: 'carros-api' });
    const { url } = robot;
    const [[{ pidFile }]] = await root.query<RowDataPacket[]>('SELECT @@pid_file AS pidFile');
    const mysqldPid = Number(await readFile(String(pidFile), 'utf8').catch(() => NaN));
    const redisPid = REDIS_URL
      ? Number(
          execFileSync('redis-cli', ['-u', REDIS_URL, 'info', 'server'])
            .toString()
            .match(/process_id:(\d+)/)?.[1],
        )
      : NaN;
    const cpu = cpuByProcess({
      ...(Number.isInteger(mysqldPid) ? { mysqld: mysqldPid } : {}),
      ...(Number.isInteger(redisPid) ? { redis: redisPid } : {}),
    });
    /** CPU seconds each process spent while `run` ran (this process is the quiet tenants' load generator). */
    const measured = async <T>(run: () => Promise<T>): Promise<[T, Map<string, number>]> => {
      const before = cpu();
      const result = await run();
      return [result, new Map([...cpu()].map(([name, total]) => [name, (total - (before.get(name) ?? 0)) / 1e6]))];
    };

    await load(url, [...quiet, noisy.key], FULL_LOAD_CONNECTIONS, 3);
    const fullLoad = await load(url, quiet, FULL_LOAD_CONNECTIONS, 5);
    const floodRate = fullLoad.requests.average;
    process.stdout.write(
      `robot's throughput at full load (${FULL_LOAD_CONNECTIONS} connections): ${floodRate.toFixed(0)} req/s — the flood's rate\n`,
    );

    const alone: autocannon.Result[] = [];
    const flooded: autocannon.Result[] = [];
    const floods: FloodResult[] = [];
    const cpuAlone = new Map<string, number>();
    const cpuFlooded = new Map<string, number>();
    const addTo = (total: Map<string, number>, used: Map<string, number>) =>
      used.forEach((seconds, name) => total.set(name, (total.get(name) ?? 0) + seconds));
    for (let round = 1; round <= ROUNDS; round++) {
      const [quietAlone, usedAlone] = await measured(() => load(url, quiet, QUIET_CONNECTIONS, SECONDS));
      const [[quietRun, floodRun], usedFlooded] = await measured(() =>
        Promise.all([load(url, quiet, QUIET_CONNECTIONS, SECONDS), flood(url, noisy.key, floodRate, SECONDS)]),
      );
      alone.push(quietAlone);
      flooded.push(quietRun);
      floods.push(floodRun);
      addTo(cpuAlone, usedAlone);
      addTo(cpuFlooded, usedFlooded);
      process.stdout.write(
        `round ${round}: quiet alone ${quietAlone.requests.average.toFixed(0)} req/s p99 ${quietAlone.latency.p99} ms ${JSON.stringify(byStatus(quietAlone))}; ` +
          `with the flood ${quietRun.requests.average.toFixed(0)} req/s p99 ${quietRun.latency.p99} ms ${JSON.stringify(byStatus(quietRun))}; ` +
          `flood ${floodRun.rate.toFixed(0)} req/s ${JSON.stringify(floodRun.byStatus)}\n`,
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
    console.log(
      `\n${QUIET_TENANTS} quiet tenants, GET /veiculos, ${QUIET_CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each way, alternating`,
    );
    console.log(
      `alone            ${rps(alone).toFixed(0).padStart(7)} req/s  p99 ${p99(alone).toFixed(1).padStart(6)} ms  errors ${errors(alone)}`,
    );
    console.log(
      `with the flood   ${rps(flooded).toFixed(0).padStart(7)} req/s  p99 ${p99(flooded).toFixed(1).padStart(6)} ms  errors ${errors(flooded)}`,
    );
    console.log(
      `ratio            ${throughputRatio.toFixed(2)}× throughput (aim ≥ 0.70), ${p99Ratio.toFixed(2)}× p99 (aim ≤ 2.00); rounds: ${flooded.map((r, i) => (r.requests.average / alone[i].requests.average).toFixed(2)).join(', ')}`,
    );
    const unanswered = floods.reduce((sum, f) => sum + f.unanswered, 0);
    console.log(
      `flooding tenant  ${(sent / (ROUNDS * SECONDS)).toFixed(0)} req/s, evenly spaced, over ${FLOOD_CONNECTIONS} connections: ${refused} answered 429 RATE_LIMITED, ${served} served (its plan's rate), ${unanswered} unanswered, of ${sent}`,
    );
    // Where the cores went: CPU seconds per second of measurement, by process, both ways.
    const share = (used: Map<string, number>) =>
      [...used]
        .filter(([, seconds]) => seconds / (ROUNDS * SECONDS) >= 0.01)
        .sort((a, b) => b[1] - a[1])
        .map(([name, seconds]) => `${name} ${(seconds / (ROUNDS * SECONDS)).toFixed(2)}`)
        .join(', ');
    console.log(`\ncores busy, by process (of 2): alone — ${share(cpuAlone)}`);
    console.log(`                               with the flood — ${share(cpuFlooded)}`);
    const robotSeconds = (cpuFlooded.get('carros-api') ?? 0) - ((cpuAlone.get('carros-api') ?? 0) * rps(flooded)) / rps(alone);
    console.log(
      `the robot's CPU per flood request (its extra CPU with the flood, over the flood's requests): ${((robotSeconds * 1e6) / Math.max(1, sent)).toFixed(0)} µs`,
    );
  } finally {
    await robot?.close();
    await root.end();
    await master.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
