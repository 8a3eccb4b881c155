/**
 * `npm run bench:robots`: carros-api serving 1,000 tenants (requests spread uniformly, each under
 * its tenant's own MySQL role, through the real master) against a raw express + mysql2
 * baseline on one database running the same listing query. All are separate processes, measured
 * alternately with autocannon sending the same requests; the robot's MySQL connections are sampled
 * from the processlist. A second baseline reads the same 1,000 databases with no isolation, to
 * tell what spreading the data costs from what the tenancy costs; a second carros-api with
 * CATALOGUE_READER=off (public reads under each tenant's own role) tells what the catalogue reader
 * buys, and a third keeping resolutions 10 min what the 5 s cache's refreshes cost. On Linux it also prints the CPU
 * each request cost every process involved (robot, master, mysqld, load generator): on a small
 * machine they share the same cores, and that is where the time goes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectOnce, freePort, type RowDataPacket } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { likePrefix, sampleConnections, spawnMaster, spawnRobot, testMysqlUrl, waitForHttp, type SpawnedRobot } from '@helix/testing';
import { createUnthrottledPlan, onboardManyActiveTenants } from '@helix/robot-core/testing';
import { ROOT, seedThreeCars, TSX } from './carros-process';
import { cpuByProcess } from './stats';
import { useComposeTableCaches } from './table-caches';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LEAD_IN_SECONDS = 1;
const BUDGET = 20;

interface Run {
  result: autocannon.Result;
  /** CPU µs per request, by process. */
  cpu: Map<string, number>;
  /** SQL statements mysqld ran per request (its `Questions`, whoever sent them). */
  statements: number;
}

/**
 * Every run sends the same requests, tenant key included, so the load generator costs the same in
 * all of them. Each is preceded by a second of the same load, not measured: between its runs a
 * robot sits idle for longer than its 5 s resolution cache, and every tenant's first request would
 * otherwise wait for the master, a cold start that steady traffic over 1,000 tenants never sees.
 */
async function load(
  url: string,
  keys: string[],
  seconds: number,
  cpu: () => Map<string, number>,
  questions: () => Promise<number>,
): Promise<Run> {
  let i = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'GET',
      path: '/veiculos',
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-tenant-key': keys[i++ % keys.length] } }),
    },
  ];
  await autocannon({ url, connections: CONNECTIONS, duration: LEAD_IN_SECONDS, requests });
  const before = cpu();
  const questionsBefore = await questions();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
  const served = Math.max(1, result.requests.total);
  const perRequest = new Map([...cpu()].map(([name, total]) => [name, (total - (before.get(name) ?? 0)) / served]));
  return { result, cpu: perRequest, statements: ((await questions()) - questionsBefore) / served };
}

/** The baselines write carros-api's statements out (a bench imports no app): all must list the same cars. */
async function assertSameCars(urls: string[], key: string): Promise<void> {
  const listings = await Promise.all(
    urls.map(async (url) =>
      JSON.stringify(
        ((await (await fetch(`${url}/veiculos`, { headers: { 'x-tenant-key': key } })).json()) as { veiculos: unknown }).veiculos,
      ),
    ),
  );
  if (new Set(listings).size > 1) throw new Error(`the baselines do not list what carros-api lists:\n${listings.join('\n')}`);
}

/** "carros-api 512 µs, mysqld 401 µs, …": the processes that cost at least 5 µs a request, costliest first. */
function cpuLine(runs: Run[]): string {
  const names = new Set(runs.flatMap((run) => [...run.cpu.keys()]));
  const mean = [...names].map((name) => [name, runs.reduce((sum, run) => sum + (run.cpu.get(name) ?? 0), 0) / runs.length] as const);
  return mean
    .filter(([, us]) => us >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${us.toFixed(0)} µs`)
    .join(', ');
}

async function main() {
  const mysqlUrl = testMysqlUrl();
  process.stdout.write(`bench:robots — preparing ${TENANTS} tenants through the master…\n`);
  const master = await spawnMaster();
  const root = await connectOnce(mysqlUrl);
  const tableCaches = await useComposeTableCaches(root);
  const robots: SpawnedRobot[] = [];
  const children: ChildProcess[] = [];
  try {
    // Measured is serving, not the plan's rate limit (one tenant alone takes thousands of requests a second here).
    const keys = await onboardManyActiveTenants(master, 'bench_', TENANTS, 'carros', { planoId: await createUnthrottledPlan(master) });
    // Shuffled so consecutive requests rarely hit the same tenant (no accidental affinity).
    keys.sort(() => Math.random() - 0.5);
    const [[{ pidFile }]] = await root.query<RowDataPacket[]>('SELECT @@pid_file AS pidFile');
    const mysqldPid = Number(await readFile(String(pidFile), 'utf8').catch(() => NaN));
    const cpu = cpuByProcess(Number.isInteger(mysqldPid) ? { mysqld: mysqldPid } : {});
    const questions = async () => Number((await root.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'"))[0][0].Value);
    const run = (url: string, requestKeys: string[], seconds: number) => load(url, requestKeys, seconds, cpu, questions);
    for (const key of keys) {
      const db = await seedThreeCars(root, master, key);
      await root.query(`INSERT INTO ${db}.car_images (car_id, url, is_principal) VALUES (1, 'https://cdn.example.com/1.jpg', 1)`);
    }

    /** A carros-api process; `title` names it apart in the CPU figures. */
    const startRobot = async (title: string, env: Record<string, string> = {}) => {
      const robot = await spawnRobot(master, 'carros', { DB_MAX_CONNECTIONS: String(BUDGET), ...env }, { title });
      robots.push(robot);
      return robot;
    };
    const robot = await startRobot('carros-api');
    // Resolutions kept 10 min instead of 5 s: what re-reading every tenant from the master costs.
    // Its idle connections close within 2 s, so none are left when the first robot's are counted.
    const longTtl = await startRobot('carros-api-ttl-10min', { TENANT_CACHE_TTL_MS: '600000', DB_IDLE_TIMEOUT_MS: '2000' });
    // Public reads under each tenant's role, as before the catalogue reader (SET ROLE + USE in the first packet).
    const noReader = await startRobot('carros-api-no-reader', { CATALOGUE_READER: 'off', DB_IDLE_TIMEOUT_MS: '2000' });
    const startBaseline = async (env: Record<string, string>) => {
      const port = await freePort();
      const child = fork(path.join(__dirname, 'robots-baseline-server.ts'), [], {
        cwd: ROOT,
        execPath: TSX,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        env: { ...process.env, PORT: String(port), BASELINE_MYSQL_URL: mysqlUrl, BASELINE_CONNECTIONS: String(BUDGET), ...env },
      });
      children.push(child);
      return { child, url: `http://127.0.0.1:${port}` };
    };
    const baseline = await startBaseline({ BASELINE_DATABASE: tenantDatabaseName(master.prefix, 'carros', keys[0]) });
    const spread = await startBaseline({ BASELINE_TENANT_DB_PREFIX: master.prefix });
    const robotUrl = robot.url;
    const baselineUrl = baseline.url;
    await Promise.all([baseline, spread].map(({ url, child }) => waitForHttp(`${url}/health`, child)));
    await assertSameCars([robotUrl, baselineUrl, spread.url], keys[0]);

    // The robots all log in as the vertical's gateway: its connections are counted while the first one runs.
    let peak = 0;
    const counted = async (url: string, requestKeys: string[]) => {
      const sampler = await sampleConnections(likePrefix(`${master.prefix}gw_carros`), { intervalMs: 20 });
      try {
        return await run(url, requestKeys, SECONDS);
      } finally {
        peak = Math.max(peak, (await sampler.stop()).max);
      }
    };

    process.stdout.write('warming up (every tenant resolved once)…\n');
    await run(baselineUrl, keys, 2);
    await run(spread.url, keys, 4);
    await run(robotUrl, keys, 4);
    await run(longTtl.url, keys, 4);
    await run(noReader.url, keys, 4);
    // The one-tenant run separates the HTTP/tenancy stack's cost from the role switches.
    const results = {
      baseline: [] as Run[],
      robot: [] as Run[],
      oneTenant: [] as Run[],
      spread: [] as Run[],
      noReader: [] as Run[],
      longTtl: [] as Run[],
    };
    for (let round = 1; round <= ROUNDS; round++) {
      results.baseline.push(await run(baselineUrl, keys, SECONDS));
      results.robot.push(await counted(robotUrl, keys));
      // Right after the robot it differs from by the reader alone; its connections close before the next count.
      results.noReader.push(await run(noReader.url, keys, SECONDS));
      results.spread.push(await run(spread.url, keys, SECONDS));
      results.oneTenant.push(await counted(robotUrl, keys.slice(0, 1)));
      results.longTtl.push(await run(longTtl.url, keys, SECONDS));
      const [b, r, one, sp, nr, lt] = [
        results.baseline,
        results.robot,
        results.oneTenant,
        results.spread,
        results.noReader,
        results.longTtl,
      ].map((runs) => runs.at(-1)!.result.requests.average.toFixed(0));
      process.stdout.write(
        `round ${round}: baseline ${b} req/s, robot ${r} req/s, robot on 1 tenant ${one} req/s, baseline over ${TENANTS} databases ${sp} req/s, robot without the catalogue reader ${nr} req/s, robot with a 10 min cache ${lt} req/s\n`,
      );
    }

    const summary = (runs: Run[]) => ({
      rps: runs.reduce((s, r) => s + r.result.requests.average, 0) / runs.length,
      p99: runs.reduce((s, r) => s + r.result.latency.p99, 0) / runs.length,
      errors: runs.reduce((s, r) => s + r.result.errors + r.result.non2xx, 0),
    });
    const b = summary(results.baseline);
    const r = summary(results.robot);
    const one = summary(results.oneTenant);
    const sp = summary(results.spread);
    const lt = summary(results.longTtl);
    const nr = summary(results.noReader);
    // Rounds run minutes apart on a machine whose speed drifts: each round's own ratio shows how far to trust the mean.
    const roundRatios = (runs: Run[], against: Run[]) =>
      runs.map((run, i) => (run.result.requests.average / against[i].result.requests.average).toFixed(2)).join(', ');
    const perRound = roundRatios(results.robot, results.baseline);
    console.log(`\nGET /veiculos, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating`);
    console.log(
      `baseline (express + mysql2, 1 pool, 1 database)  ${b.rps.toFixed(0).padStart(7)} req/s  p99 ${b.p99.toFixed(1).padStart(6)} ms  errors ${b.errors}`,
    );
    console.log(
      `carros-api (${TENANTS} tenants, uniform)          ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}`,
    );
    console.log(
      `carros-api (1 tenant: no role switches)         ${one.rps.toFixed(0).padStart(7)} req/s  p99 ${one.p99.toFixed(1).padStart(6)} ms  errors ${one.errors}  (${(one.rps / b.rps).toFixed(2)}×)`,
    );
    console.log(
      `ratio ${(r.rps / b.rps).toFixed(2)}× throughput (rounds: ${perRound}), ${(r.p99 / b.p99).toFixed(2)}× p99; robot's peak MySQL connections ${peak} (budget ${BUDGET})`,
    );
    console.log(`\nThe same ${TENANTS} databases with no isolation (one login allowed everywhere, USE per request):`);
    console.log(
      `baseline over ${TENANTS} databases`.padEnd(49) +
        `${sp.rps.toFixed(0).padStart(7)} req/s  p99 ${sp.p99.toFixed(1).padStart(6)} ms  errors ${sp.errors}  (${(sp.rps / b.rps).toFixed(2)}× the one-database baseline)`,
    );
    console.log(
      `carros-api against it: ${(r.rps / sp.rps).toFixed(2)}× throughput (rounds: ${roundRatios(results.robot, results.spread)}), ${(r.p99 / sp.p99).toFixed(2)}× p99 (what isolation and tenancy cost, the data spread set aside)`,
    );
    console.log(
      `\nThe catalogue reader (one role for the vertical's public reads, tables named with the tenant's database) against each tenant's own role:`,
    );
    console.log(
      `carros-api, CATALOGUE_READER=off`.padEnd(49) +
        `${nr.rps.toFixed(0).padStart(7)} req/s  p99 ${nr.p99.toFixed(1).padStart(6)} ms  errors ${nr.errors}  (${(nr.rps / sp.rps).toFixed(2)}× the baseline over ${TENANTS} databases, rounds: ${roundRatios(results.noReader, results.spread)})`,
    );
    console.log(
      `with the reader carros-api runs at ${(r.rps / nr.rps).toFixed(2)}× of it (rounds: ${roundRatios(results.robot, results.noReader)}), ${(r.p99 / nr.p99).toFixed(2)}× its p99`,
    );
    console.log(`\nThe 5 s resolution cache (a suspension takes effect within it) against one kept 10 min (TENANT_CACHE_TTL_MS=600000):`);
    console.log(
      `carros-api, resolutions cached 10 min`.padEnd(49) +
        `${lt.rps.toFixed(0).padStart(7)} req/s  p99 ${lt.p99.toFixed(1).padStart(6)} ms  errors ${lt.errors}  (${(lt.rps / b.rps).toFixed(2)}× the baseline; the 5 s cache runs at ${(r.rps / lt.rps).toFixed(2)}× of it)`,
    );
    console.log(`mysqld: ${tableCaches.summary}`);
    const statements = (runs: Run[]) => (runs.reduce((sum, run) => sum + run.statements, 0) / runs.length).toFixed(2);
    console.log(
      `\nSQL statements per request (mysqld's Questions): baseline ${statements(results.baseline)}, ${TENANTS} tenants ${statements(results.robot)}, 1 tenant ${statements(results.oneTenant)}, baseline over ${TENANTS} dbs ${statements(results.spread)}, reader off ${statements(results.noReader)}, 10 min cache ${statements(results.longTtl)}`,
    );
    if (results.baseline[0].cpu.size > 0) {
      console.log("\nCPU per request, by process (all of them share this machine's cores):");
      console.log(`baseline             ${cpuLine(results.baseline)}`);
      console.log(`${TENANTS} tenants`.padEnd(21) + cpuLine(results.robot));
      console.log(`1 tenant             ${cpuLine(results.oneTenant)}`);
      console.log(`baseline, ${TENANTS} dbs`.padEnd(21) + cpuLine(results.spread));
      console.log(`reader off`.padEnd(21) + cpuLine(results.noReader));
      console.log(`10 min cache`.padEnd(21) + cpuLine(results.longTtl));
    }
  } finally {
    for (const robot of robots) await robot.close();
    for (const child of children) child.kill('SIGTERM');
    await tableCaches.restore();
    await root.end();
    await master.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
