// The storefront, back-office and console: one build for every tenant and both verticals, served by
// apps/web-server from dist/apps/web. `npm run dev:web` serves it with hot reload and forwards /api to
// the web service (WEB_PORT), keeping the Host so the tenant is still found by its subdomain.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const webPort = process.env.WEB_PORT ?? '3003';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    // Below this, Vite would inline assets as data: URLs; keep them files (simpler CSP story, cacheable).
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    allowedHosts: ['.localhost'],
    proxy: { '/api': { target: `http://127.0.0.1:${webPort}`, changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
