import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RobotVertical } from '@helix/contracts';
import { freePort } from '@helix/db';
import type { SpawnedMaster } from './spawn-master';
import { waitForHttp } from './wait-for-http';

const ROOT = path.resolve(__dirname, '../../..');
const ROBOT_APPS: Record<RobotVertical, string> = { carros: 'apps/carros-api/src/main.ts', imoveis: 'apps/imoveis-api/src/main.ts' };

/**
 * A robot as its own process (as deployed), talking to `master`, for tests of the services in
 * front of it (the web service). It can be stopped and started again on the same port.
 */
export async function spawnRobot(
  master: Pick<SpawnedMaster, 'url' | 'serviceTokens' | 'prefix'>,
  vertical: RobotVertical,
  env: Record<string, string> = {},
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const robot = {
    url,
    async start() {
      child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [ROBOT_APPS[vertical]], {
        cwd: ROOT,
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
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // One that never answers is not left running behind the failure.
      await waitForHttp(`${url}/health`, child).catch((error) => {
        child?.kill('SIGTERM'); // tsx passes it on to the service (a SIGKILL would orphan it)
        throw error;
      });
    },
    async close() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  await robot.start();
  return robot;
}

export type SpawnedRobot = Awaited<ReturnType<typeof spawnRobot>>;
