import type { Redis } from 'ioredis';
import { MemoryRateStore } from './rate-store';
import { RateLimiter } from './rate-limiter';
import { connectRedis } from './redis-connection';
import { RedisRateStore } from './redis-rate-store';

export interface SharedRateLimiter {
  limiter: RateLimiter;
  /** True when decisions are shared through Redis with every other instance. */
  shared: boolean;
  close(): Promise<void>;
}

/**
 * The limiter a service runs with: on Redis when `redisUrl` is set (every instance sees the same
 * allowances; while Redis cannot answer, this instance's own memory decides), else in memory
 * (right for one instance).
 */
export function createSharedRateLimiter(options: {
  redisUrl?: string;
  keyPrefix: string;
  onStoreError?: (error: unknown) => void;
  /** See RateLimiterOptions.leaseShare: only with Redis, where it saves round trips. */
  leaseShare?: number;
}): SharedRateLimiter {
  if (!options.redisUrl) return { limiter: new RateLimiter({ store: new MemoryRateStore() }), shared: false, close: async () => undefined };
  const redis: Redis = connectRedis(options.redisUrl);
  const limiter = new RateLimiter({
    store: new RedisRateStore(redis, options.keyPrefix),
    fallback: new MemoryRateStore(),
    onStoreError: options.onStoreError,
    leaseShare: options.leaseShare,
  });
  return {
    limiter,
    shared: true,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
