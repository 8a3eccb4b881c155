import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

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
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed (exit ${code})`);
  return outDir;
}
