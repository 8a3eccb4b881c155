import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURE_INDEX =
  '<!doctype html><html lang="pt-BR"><head><script type="module" src="/assets/app-3f2a1b.js"></script></head><body><div id="root"></div></body></html>';
export const FIXTURE_ASSET = 'console.info("spa");';

/** A tiny stand-in for the SPA build (index.html, a hashed asset, a plain file): the specs do not depend on `vite build`. */
export function fixtureDist() {
  const dir = mkdtempSync(path.join(tmpdir(), 'helix-web-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), FIXTURE_INDEX);
  writeFileSync(path.join(dir, 'assets', 'app-3f2a1b.js'), FIXTURE_ASSET);
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
