// Bundles one service for production: `node tools/build-service.mjs <project>` turns
// apps/<project>/src/main.ts into dist/apps/<project>/main.js (CommonJS, node20, with source map).
// Workspace libs (@helix/*) are inlined, resolved through tsconfig paths; every other bare import
// (npm packages) stays external and comes from node_modules at runtime (`npm ci --omit=dev`).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = process.argv[2];

if (!project || !/^[a-z0-9-]+$/.test(project)) {
  console.error('uso: node tools/build-service.mjs <projeto>   (ex.: master-api)');
  process.exit(1);
}

const entry = path.join(workspaceRoot, 'apps', project, 'src', 'main.ts');
if (!existsSync(entry)) {
  console.error(`build-service: ${path.relative(workspaceRoot, entry)} não existe`);
  process.exit(1);
}
const outfile = path.join(workspaceRoot, 'dist', 'apps', project, 'main.js');

/** @helix/* go to esbuild's own resolver (it applies tsconfig paths); other bare imports stay external. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@helix/')) return undefined;
      if (path.isAbsolute(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const result = await build({
  absWorkingDir: workspaceRoot,
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
  plugins: [externalPackages],
  logLevel: 'warning',
  metafile: true,
});

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`build-service: ${path.relative(workspaceRoot, outfile)} (${(bytes / 1024).toFixed(1)} KiB com source map)`);
