import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadWebConfig } from '@helix/config';
import { createLogger } from '@helix/http';
import { MemoryRateStore, RateLimiter } from '@helix/rate-limit';
import { createWebApp } from '../web-app';

/** The web service in this process on a real port, against real upstreams; `env` is its environment (WEB_DIST_DIR, ROBOT_URLS…). */
export async function startTestWeb(env: Record<string, string>) {
  const config = loadWebConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_DOMAINS: 'localhost,vendeai.com', ...env });
  const app = createWebApp({
    config,
    logger: createLogger('web', 'silent'),
    rateLimiter: new RateLimiter({ store: new MemoryRateStore() }),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
