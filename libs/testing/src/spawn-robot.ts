import type { RobotVertical } from '@helix/contracts';
import { freePort } from '@helix/db';
import { serviceProcess } from './service-process';
import type { SpawnedMaster } from './spawn-master';

const ROBOT_APPS: Record<RobotVertical, string> = { carros: 'apps/carros-api/src/main.ts', imoveis: 'apps/imoveis-api/src/main.ts' };

/**
 * A robot as its own process (as deployed), talking to `master`, for tests of the services in
 * front of it (the web service) and for the benchmarks. It can be stopped and started again on the
 * same port. `title` names the process apart (the benchmarks' CPU figures); `port` is one the test
 * reserved (to list it in the master's ROBOT_URLS before the robot starts).
 */
export async function spawnRobot(
  master: Pick<SpawnedMaster, 'url' | 'serviceTokens' | 'prefix'>,
  vertical: RobotVertical,
  env: Record<string, string> = {},
  options: { title?: string; port?: number } = {},
) {
  const port = options.port ?? (await freePort());
  const service = serviceProcess(ROBOT_APPS[vertical], {
    port,
    readyPath: '/health',
    title: options.title,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      MASTER_URL: master.url,
      SERVICE_TOKEN: master.serviceTokens[vertical],
      REDIS_KEY_PREFIX: `${master.prefix}:`,
      ...env,
    },
  });
  await service.start();
  return { url: service.url, start: service.start, close: service.stop };
}

export type SpawnedRobot = Awaited<ReturnType<typeof spawnRobot>>;
