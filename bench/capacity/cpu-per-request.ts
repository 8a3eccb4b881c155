/**
 * Section 3 of bench:capacity, CPU: a few seconds of GET /veiculos spread over every tenant, and
 * the CPU time carros-api and mysqld spent per request (from /proc, not latency: on a machine
 * with few cores every process competes for the same CPUs).
 */
import type { SpawnedRobot } from '@helix/testing';
import { cpuByProcess } from '../stats';
import { loadAverage } from './format';
import type { MysqldProcess } from './mysqld';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 4);
const LOAD_CONCURRENCY = 8;

export interface RequestCost {
  /** carros-api's CPU a request, µs. */
  robotUs: number;
  /** mysqld's CPU a request net of other clients, µs; undefined when mysqld's /proc is not readable or nothing is left. */
  mysqldUs: number | undefined;
}

export async function measureCpuPerRequest(robot: SpawnedRobot, keys: string[], mysqld: MysqldProcess | undefined): Promise<RequestCost> {
  const cpu = cpuByProcess(mysqld ? { mysqld: mysqld.pid } : {});
  // mysqld serves other clients too: the lower of its CPU rates with no load of ours, just before and
  // just after, is taken off (the lower one: a burst of theirs must not make ours look free).
  const mysqldCpuRate = async (seconds: number) => {
    const before = cpu().get('mysqld') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return ((cpu().get('mysqld') ?? 0) - before) / seconds;
  };
  const idleBefore = await mysqldCpuRate(2);
  const cpuBefore = cpu();
  let requests = 0;
  const loadStarted = process.hrtime.bigint();
  const deadline = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: LOAD_CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const response = await fetch(`${robot.url}/veiculos`, { headers: { 'x-tenant-key': keys[requests++ % keys.length] } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`GET /veiculos: ${response.status}`);
      }
    }),
  );
  const cpuAfter = cpu();
  const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
  const idleAfter = await mysqldCpuRate(2);
  const cpuPerRequest = (name: string) => ((cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0)) / requests;
  const robotUs = cpuPerRequest('carros-api');
  const mysqldUs = cpuPerRequest('mysqld');
  const otherClientsUs = (Math.min(idleBefore, idleAfter) * loadSeconds) / requests;
  const netMysqldUs = mysqldUs - otherClientsUs > 0 ? mysqldUs - otherClientsUs : mysqldUs;
  console.log(
    `  ${loadSeconds.toFixed(1)} s of GET /veiculos over the ${keys.length} tenants, ${LOAD_CONCURRENCY} in flight: ${(requests / loadSeconds).toFixed(0)} req/s; ` +
      `CPU per request: carros-api ${robotUs.toFixed(0)} µs, mysqld ` +
      (mysqld
        ? `${netMysqldUs.toFixed(0)} µs (${mysqldUs.toFixed(0)} µs in all, less ${otherClientsUs.toFixed(0)} µs at the lower rate other clients kept it busy just before and after: ${(idleBefore / 1e4).toFixed(0)} %, ${(idleAfter / 1e4).toFixed(0)} % of a core)`
        : 'n/a') +
      `; load average ${loadAverage()}`,
  );
  return { robotUs, mysqldUs: mysqld && netMysqldUs > 0 ? netMysqldUs : undefined };
}
