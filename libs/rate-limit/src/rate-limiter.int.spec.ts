import { randomUUID } from 'node:crypto';
import { connectRedis } from './redis-connection';
import { MemoryRateStore, type RateStore } from './rate-store';
import { RateLimiter } from './rate-limiter';
import { RedisRateStore } from './redis-rate-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = connectRedis(REDIS_URL);
/** This file's keys only: other test files and runs share the server. */
const prefix = `hxt:${randomUUID()}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const stores: [string, () => RateStore][] = [
  ['in memory', () => new MemoryRateStore()],
  ['in Redis', () => new RedisRateStore(redis, prefix)],
];

describe.each(stores)('rate limits %s', (_name, makeStore) => {
  const limit = { perMinute: 60, burst: 5 };

  it('allows the burst, then refuses with the time until the next request fits', async () => {
    const store = makeStore();
    const limiter = new RateLimiter({ store });
    const key = randomUUID();
    const decisions = await Promise.all(Array.from({ length: 8 }, () => limiter.take(key, limit)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    const refused = decisions.find((d) => !d.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    // Another key has its own allowance.
    expect((await limiter.take(randomUUID(), limit)).allowed).toBe(true);
  });

  it('decides a key repeated within one batch in order', async () => {
    const store = makeStore();
    const key = randomUUID();
    const steps = Array.from({ length: 3 }, () => ({ key, step: { intervalMs: 1000, toleranceMs: 2000, cost: 1, commit: true } }));
    expect((await store.decide(steps)).map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('gives back what an attempt took, and checks without spending', async () => {
    const limiter = new RateLimiter({ store: makeStore() });
    const key = randomUUID();
    for (let i = 0; i < 5; i++) await limiter.take(key, limit);
    expect((await limiter.check(key, limit)).allowed).toBe(false);
    await limiter.giveBack(key, limit, 2);
    expect((await limiter.check(key, limit)).allowed).toBe(true);
    expect((await limiter.take(key, limit)).allowed).toBe(true);
    expect((await limiter.take(key, limit)).allowed).toBe(true);
    expect((await limiter.take(key, limit)).allowed).toBe(false);
  });
});

describe('a limiter shared through Redis', () => {
  it('holds one allowance across instances', async () => {
    const instances = [0, 1, 2].map(() => new RateLimiter({ store: new RedisRateStore(redis, prefix) }));
    const key = randomUUID();
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 3].take(key, { perMinute: 6, burst: 10 })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('refuses a key it saw refused without asking the store again until it may go', async () => {
    const store = new MemoryRateStore();
    const asked = jest.spyOn(store, 'decide');
    const limiter = new RateLimiter({ store });
    const key = randomUUID();
    await limiter.take(key, { perMinute: 1, burst: 1 });
    await limiter.take(key, { perMinute: 1, burst: 1 });
    const callsAfterRefusal = asked.mock.calls.length;
    const later = await limiter.take(key, { perMinute: 1, burst: 1 });
    expect(later.allowed).toBe(false);
    expect(asked.mock.calls.length).toBe(callsAfterRefusal);
  });

  it('decides in this instance when Redis cannot be reached', async () => {
    const unreachable = connectRedis('redis://127.0.0.1:1');
    const errors: unknown[] = [];
    const limiter = new RateLimiter({
      store: new RedisRateStore(unreachable, prefix),
      fallback: new MemoryRateStore(),
      onStoreError: (e) => errors.push(e),
    });
    try {
      const decisions = await Promise.all(Array.from({ length: 4 }, () => limiter.take('k', { perMinute: 60, burst: 2 })));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, false, false]);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      unreachable.disconnect();
    }
  });
});

describe('leases: spending a share of the allowance locally', () => {
  const limit = { perMinute: 60, burst: 20 };

  it('asks the store once per lease instead of once per request', async () => {
    const store = new MemoryRateStore();
    const asked = jest.spyOn(store, 'decide');
    const limiter = new RateLimiter({ store, leaseShare: 0.25 });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => limiter.take('k', limit)));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(asked.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('never lets instances together exceed the allowance', async () => {
    const store = new MemoryRateStore(() => 0);
    const [a, b] = [0, 1].map(() => new RateLimiter({ store, leaseShare: 0.25, clock: () => 0 }));
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('k', limit)));
    expect(decisions.filter((d) => d.allowed).length).toBeLessThanOrEqual(20);
  });

  it('gives back what a lapsed lease did not spend', async () => {
    let now = 0;
    const slow = { perMinute: 0.6, burst: 20 }; // no refill to speak of during the test
    const store = new MemoryRateStore(() => now);
    const leasing = new RateLimiter({ store, leaseShare: 0.25, clock: () => now });
    const other = new RateLimiter({ store, clock: () => now });
    const allowed = async (limiter: RateLimiter, n: number) =>
      (await Promise.all(Array.from({ length: n }, () => limiter.take('k', slow)))).filter((d) => d.allowed).length;
    expect(await allowed(leasing, 1)).toBe(1); // leased 5, spent 1
    expect(await allowed(other, 20)).toBe(15);
    now += 1_500; // the lease lapses: its 4 go back; less than a lease is left, so one request is taken alone
    expect(await allowed(leasing, 1)).toBe(1);
    // (`other` remembers its refusal: a third instance sees what is left.)
    expect(await allowed(new RateLimiter({ store, clock: () => now }), 5)).toBe(3);
  });
});
