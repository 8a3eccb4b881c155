import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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
const MASTER_TIMEOUT_MS = '10000';

/**
 * The whole platform as `npm start` runs it, each service its own process: the master, both
 * robots, and the web service in front of them serving a fresh SPA build. Stores open at
 * `http://<sub>.localhost:<port>/` (Chromium sends *.localhost to the loopback address).
 */
export async function startWebPlatform() {
  // What is up so far, closed (newest first) and removed if a later step fails: a half-started
  // platform must not outlive its test run.
  const started: Array<{ close(): Promise<unknown> }> = [];
  const dirs: string[] = [];
  const track = <T extends { close(): Promise<unknown> }>(service: T) => (started.push(service), service);
  const dir = (created: string) => (dirs.push(created), created);
  const removeDirs = () => Promise.all(dirs.map((created) => rm(created, { recursive: true, force: true })));
  try {
    const [webPort, carrosPort, imoveisPort] = [await freePort(), await freePort(), await freePort()];
    const webBaseUrl = `http://localhost:${webPort}`;
    // The master writes the owners' invite links on the stores' web addresses (this web service's), and
    // tells the robots of tenant changes, as under `npm start`.
    const robotUrls = `carros-api=http://127.0.0.1:${carrosPort},imoveis-api=http://127.0.0.1:${imoveisPort}`;
    const [master, distDir] = await allUp([
      spawnMaster({ env: { WEB_BASE_URL: webBaseUrl, ROBOT_URLS: robotUrls } }).then(track),
      buildSpa().then(dir),
    ]);
    const uploads = dir(await mkdtemp(path.join(os.tmpdir(), 'helix-e2e-uploads-')));
    // The robots see the web service as a proxy on the loopback address, and take the visitor's address from it.
    // The services wait longer for the master than their 2 s default: in `npm test` these browser tests
    // share two cores with specs that create a thousand databases, and what they test is not that
    // timeout (a lookup that overran it would show the "platform down" page instead of the one tested).
    const robotEnv = { UPLOAD_DIR: uploads, WEB_BASE_URL: webBaseUrl, TRUST_PROXY: 'loopback', MASTER_TIMEOUT_MS };
    const [carros, imoveis] = await allUp([
      spawnRobot(master, 'carros', robotEnv, { port: carrosPort }).then(track),
      spawnRobot(master, 'imoveis', robotEnv, { port: imoveisPort }).then(track),
    ]);
    const robots: Record<RobotVertical, SpawnedRobot> = { carros, imoveis };
    track(await spawnWeb(master, robots, { WEB_PORT: String(webPort), WEB_DIST_DIR: distDir }));
    return {
      master,
      robots,
      webBaseUrl,
      /** A store's address: `garage_alpha` → `http://garage-alpha.localhost:<port>`. */
      storeUrl: (tenantKey: string) => `http://${tenantKey.replace(/_/g, '-')}.localhost:${webPort}`,
      consoleUrl: `http://admin.localhost:${webPort}`,
      /** The build the web service serves (what the browser downloads) and where the robots keep uploaded photos. */
      distDir,
      uploadDir: uploads,
      async close() {
        await closeInOrder(...started.reverse());
        await removeDirs();
      },
    };
  } catch (error) {
    await closeInOrder(...started.reverse()).catch(() => undefined);
    await removeDirs();
    throw error;
  }
}

/** Like Promise.all, but waits for every step to settle (so each one that came up is tracked) before failing. */
async function allUp<T extends readonly unknown[]>(steps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((step) => step.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((step) => (step as PromiseFulfilledResult<unknown>).value) as unknown as T;
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
      MASTER_TIMEOUT_MS,
      REDIS_KEY_PREFIX: `${master.prefix}:`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/health`, child).catch((error) => {
    child.kill('SIGTERM'); // tsx passes it on to the service (a SIGKILL would orphan it)
    throw error;
  });
  return {
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
