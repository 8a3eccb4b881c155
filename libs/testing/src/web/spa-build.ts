import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const BUILD_TIMEOUT_MS = 120_000;

/** The SPA as production serves it (`vite build`), into a directory of its own: what the browser tests load. */
export async function buildSpa(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'helix-e2e-web-'));
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/vite'),
    ['build', '-c', 'apps/web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  // A build that hangs fails the run instead of holding it (a few seconds normally; minutes on a loaded machine).
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve)).finally(() => clearTimeout(timer));
  if (code !== 0) {
    await rm(outDir, { recursive: true, force: true });
    throw new Error(`vite build failed (exit ${code ?? `killed after ${BUILD_TIMEOUT_MS} ms`})`);
  }
  return outDir;
}
