/**
 * Section 3 of bench:capacity, memory: what serving one more tenant leaves in a robot's heap and
 * RSS, read after a forced GC so that garbage does not pass for a cost.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from '@helix/db';
import { spawnRobot, type SpawnedMaster, type SpawnedRobot } from '@helix/testing';
import { kib, mib, MiB } from './format';
import type { Root } from './mysqld';

/** Tenants the robot serves before its baseline is taken: code paths loaded and compiled. */
const ROBOT_WARM_UP = 10;

/** Makes the robot's heap measurable: a preload that, on SIGUSR2, runs a full GC and writes process.memoryUsage(). */
async function heapProbe() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-capacity-'));
  const preload = path.join(dir, 'heap-probe.cjs');
  // Only in the service itself (argv[1] is its main.ts), not in the tsx process that starts it.
  await writeFile(
    preload,
    `if (/main\\.ts$/.test(process.argv[1] || '')) {
  const fs = require('node:fs');
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  fs.writeFileSync(${JSON.stringify(dir)} + '/' + process.pid + '.pid', '');
  process.on('SIGUSR2', () => {
    gc();
    gc();
    fs.writeFileSync(${JSON.stringify(dir)} + '/' + process.pid + '.json', JSON.stringify(process.memoryUsage()));
  });
}
`,
  );
  const pid = async () => {
    const file = (await readdir(dir)).find((f) => f.endsWith('.pid'));
    if (!file) throw new Error('the heap probe did not load in the robot');
    return Number(file.slice(0, -'.pid'.length));
  };
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() },
    /** The robot's memory after a full GC. */
    async measure(): Promise<NodeJS.MemoryUsage> {
      const robotPid = await pid();
      const file = path.join(dir, `${robotPid}.json`);
      await rm(file, { force: true });
      process.kill(robotPid, 'SIGUSR2');
      for (let waited = 0; waited < 10_000; waited += 50) {
        const text = await readFile(file, 'utf8').catch(() => '');
        if (text) return JSON.parse(text) as NodeJS.MemoryUsage;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the robot did not answer the heap probe');
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Each key once, `concurrency` at a time, GET /veiculos; throws unless every answer is 200. */
async function serveOnce(robot: SpawnedRobot, keys: string[], concurrency = 4): Promise<void> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < keys.length) {
        const key = keys[next++];
        const response = await fetch(`${robot.url}/veiculos`, { headers: { 'x-tenant-key': key } });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${key}: ${response.status}`);
      }
    }),
  );
  if (failures.length) throw new Error(`the robot refused ${failures.length} tenants: ${failures.slice(0, 5).join(', ')}`);
}

/**
 * Starts a carros-api (left running for the CPU measurement; stopped by the cleanups), serves every
 * tenant once after a warm-up, and prints its memory; returns the robot and its heap per tenant.
 */
export async function measureRobotMemory(
  root: Root,
  master: SpawnedMaster,
  keys: string[],
  defer: (cleanup: () => Promise<unknown>) => void,
): Promise<{ robot: SpawnedRobot; robotHeapPerTenant: number }> {
  const tenants = keys.length;
  console.log(`\n3. Memory in a robot: carros-api serving ${tenants} tenants once each (GET /veiculos)`);
  const probe = await heapProbe();
  defer(() => probe.close());
  const robot = await spawnRobot(master, 'carros', probe.env);
  defer(() => robot.close());
  await serveOnce(robot, keys.slice(0, ROBOT_WARM_UP));
  await serveOnce(robot, keys.slice(0, ROBOT_WARM_UP));
  const base = await probe.measure();
  await serveOnce(robot, keys.slice(ROBOT_WARM_UP));
  const served = await probe.measure();
  await serveOnce(robot, keys);
  const again = await probe.measure();
  const newTenants = tenants - ROBOT_WARM_UP;
  const robotHeapPerTenant = (served.heapUsed - base.heapUsed) / newTenants;
  const memRow = (what: string, m: NodeJS.MemoryUsage) =>
    `  ${what.padEnd(44)} heap used ${mib(m.heapUsed).padStart(9)}   RSS ${mib(m.rss).padStart(9)}   external ${mib(m.external).padStart(8)}`;
  console.log(memRow(`after ${ROBOT_WARM_UP} tenants (baseline, after a full GC)`, base));
  console.log(memRow(`after all ${tenants}`, served));
  console.log(memRow(`after all ${tenants} once more`, again));
  const [connections] = await root.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.processlist WHERE user LIKE ?', [
    `${master.prefix.replace(/_/g, '\\_')}%`,
  ]);
  console.log(
    `  per tenant: heap +${kib(robotHeapPerTenant)}, RSS +${kib((served.rss - base.rss) / newTenants)}; serving them all again: heap ${(again.heapUsed - served.heapUsed) / MiB >= 0 ? '+' : ''}${mib(again.heapUsed - served.heapUsed)} ` +
      `(nothing grows per request); ` +
      `10,000 tenants (TENANT_CACHE_MAX) would add ${mib(robotHeapPerTenant * 10_000)}, ${((robotHeapPerTenant * 10_000) / base.heapUsed).toFixed(2)}× the baseline heap; ` +
      `the robot's MySQL connections: ${connections[0].n} (one bounded pool per server, DB_MAX_CONNECTIONS 20, whatever the tenants)`,
  );
  return { robot, robotHeapPerTenant };
}
