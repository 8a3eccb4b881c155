import { ConfigError, loadWebConfig } from '@helix/config';
import { createLogger, warnEvery } from '@helix/http';
import { createSharedRateLimiter } from '@helix/rate-limit';
import { createWebApp } from './web-app';

function main() {
  const config = loadWebConfig();
  const logger = createLogger('web', config.LOG_LEVEL);
  const limits = createSharedRateLimiter({
    redisUrl: config.REDIS_URL,
    keyPrefix: `${config.REDIS_KEY_PREFIX}web:`,
    onStoreError: warnEvery(logger, 'Redis unavailable: unknown-store limits decided by this instance alone'),
  });
  const server = createWebApp({ config, logger, rateLimiter: limits.limiter }).listen(config.WEB_PORT, () => {
    logger.info(`web ouvindo em http://localhost:${config.WEB_PORT} (lojas em http://<loja>.localhost:${config.WEB_PORT})`);
  });
  const shutdown = () => {
    server.close(() => void limits.close().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

try {
  main();
} catch (error) {
  // Start-up failures are for a person at a terminal: the message, not a stack.
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
