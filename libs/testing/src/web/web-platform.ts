import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RobotVertical } from '@helix/contracts';
import { freePort } from '@helix/db';
import {
  closeInOrder,
  SPAWNED_SERVICE_TOKENS,
  spawnMaster,
  spawnRobot,
  waitForHttp,
  type SpawnedMaster,
  type SpawnedRobot,
} from '../index';
import { buildSpa } from './spa-build';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The whole platform as `npm start` runs it, each service its own process: the master, both
 * robots, and the web service in front of them serving a fresh SPA build. Stores open at
 * `http://<sub>.localhost:<port>/` (Chromium sends *.localhost to the loopback address).
 */
export async function startWebPlatform() {
  const [master, distDir, webPort] = await Promise.all([spawnMaster(), buildSpa(), freePort()]);
  const webBaseUrl = `http://localhost:${webPort}`;
  const uploads = await mkdtemp(path.join(os.tmpdir(), 'helix-e2e-uploads-'));
  // The robots see the web service as a proxy on the loopback address, and take the visitor's address from it.
  const robotEnv = { UPLOAD_DIR: uploads, WEB_BASE_URL: webBaseUrl, TRUST_PROXY: 'loopback' };
  const robots: Record<RobotVertical, SpawnedRobot> = {
    carros: await spawnRobot(master, 'carros', robotEnv),
    imoveis: await spawnRobot(master, 'imoveis', robotEnv),
  };
  const web = await spawnWeb(master, robots, { WEB_PORT: String(webPort), WEB_DIST_DIR: distDir });
  return {
    master,
    robots,
    webBaseUrl,
    /** A store's address: `garage_alpha` → `http://garage-alpha.localhost:<port>`. */
    storeUrl: (tenantKey: string) => `http://${tenantKey.replace(/_/g, '-')}.localhost:${webPort}`,
    consoleUrl: `http://admin.localhost:${webPort}`,
    close: () => closeInOrder(web, robots.carros, robots.imoveis, master),
  };
}
export type WebPlatform = Awaited<ReturnType<typeof startWebPlatform>>;

async function spawnWeb(master: SpawnedMaster, robots: Record<RobotVertical, SpawnedRobot>, env: Record<string, string>) {
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['apps/web-server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      MASTER_URL: master.url,
      SERVICE_TOKEN: SPAWNED_SERVICE_TOKENS.web,
      ROBOT_URLS: `carros-api=${robots.carros.url},imoveis-api=${robots.imoveis.url}`,
      REDIS_KEY_PREFIX: `${master.prefix}:`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/health`, child);
  return {
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
