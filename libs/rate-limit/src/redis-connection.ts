import { Redis } from 'ioredis';

/**
 * The one way services connect to Redis. Commands sent before the first connection wait for it (up
 * to the command timeout); once connected, commands fail at once while Redis is unreachable (no
 * offline queue) so callers fall back instead of piling requests up behind it, and the client keeps
 * reconnecting in the background.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  });
  // Without a listener ioredis prints every failed reconnection; callers see failures as command errors.
  redis.on('error', () => undefined);
  redis.once('ready', () => {
    redis.options.enableOfflineQueue = false;
  });
  return redis;
}
