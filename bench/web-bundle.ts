import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  file: string;
  /** Bytes gzipped at level 9 (what a server compressing at its best sends). */
  gzip: number;
}

/** `import{a}from"./x.js"`, `export*from"./x.js"`, `import"./x.js"`: loaded with the module. `import("./x.js")` is not. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^;()"']*?\bfrom\s*)?["']\.\/([\w.-]+\.js)["']/g;

const gzipped = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * A production build's JavaScript as a first visit to the storefront downloads it: the entry
 * script and modulepreloads of index.html and, transitively, the chunks they import statically.
 * Every other chunk (the console's, the back-office's) is lazy: loaded only on those pages.
 */
export function storefrontBundle(distDir: string): { upFront: Chunk[]; lazy: Chunk[] } {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const pending = [
    ...html.matchAll(/<script[^>]*\bsrc="\/assets\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g),
  ].map((match) => match[1]);
  if (pending.length === 0) throw new Error(`no entry script in ${distDir}/index.html`);
  const assets = path.join(distDir, 'assets');
  const upFront = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (upFront.has(file)) continue;
    upFront.add(file);
    for (const match of readFileSync(path.join(assets, file), 'utf8').matchAll(STATIC_IMPORT)) pending.push(match[1]);
  }
  const chunk = (file: string): Chunk => ({ file, gzip: gzipped(path.join(assets, file)) });
  const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
  return { upFront: [...upFront].map(chunk), lazy: scripts.filter((file) => !upFront.has(file)).map(chunk) };
}
