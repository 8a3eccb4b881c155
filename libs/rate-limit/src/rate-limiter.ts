import { LRUCache } from 'lru-cache';
import { gcraStep, type RateDecision, type RateLimit } from './gcra';
import { MemoryRateStore, type RateStore } from './rate-store';

export interface RateLimiterOptions {
  /** Redis (shared by every instance) or this process's memory. */
  store: RateStore;
  /** Decides when the store cannot answer (Redis down): limits then hold per instance instead of failing open or closed. */
  fallback?: MemoryRateStore;
  onStoreError?: (error: unknown) => void;
  clock?: () => number;
}

/**
 * Rate limits by key. A refusal is remembered here until the moment the key may go again: until
 * then every request of that key is refused without asking the store (other instances can only
 * spend more, never bring that moment closer), so a flood costs a map lookup per request.
 */
export class RateLimiter {
  private readonly refusedUntil = new LRUCache<string, RateDecision & { until: number }>({ max: 100_000, ttlAutopurge: false });
  private readonly clock: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Spends `cost` from the key's allowance when it fits; a refusal spends nothing. */
  take(key: string, limit: RateLimit, cost = 1): Promise<RateDecision> {
    return this.decide(key, limit, cost, true);
  }

  /** Would `cost` fit now? Spends nothing. */
  check(key: string, limit: RateLimit, cost = 1): Promise<RateDecision> {
    return this.decide(key, limit, cost, false);
  }

  /** Returns what an attempt took once it turned out not to count (e.g. a login that succeeded). */
  async giveBack(key: string, limit: RateLimit, cost = 1): Promise<void> {
    this.refusedUntil.delete(key);
    await this.ask(key, limit, -cost, true);
  }

  private async decide(key: string, limit: RateLimit, cost: number, commit: boolean): Promise<RateDecision> {
    const refused = this.refusedUntil.get(key);
    if (refused) {
      const wait = refused.until - this.clock();
      if (wait > 0) return { allowed: false, retryAfterMs: Math.ceil(wait), level: refused.level };
      this.refusedUntil.delete(key);
    }
    const decision = await this.ask(key, limit, cost, commit);
    if (!decision.allowed) this.refusedUntil.set(key, { ...decision, until: this.clock() + decision.retryAfterMs }, { ttl: decision.retryAfterMs });
    return decision;
  }

  private async ask(key: string, limit: RateLimit, cost: number, commit: boolean): Promise<RateDecision> {
    const request = { key, step: gcraStep(limit, cost, commit) };
    try {
      return (await this.options.store.decide([request]))[0];
    } catch (error) {
      if (!this.options.fallback) throw error;
      this.options.onStoreError?.(error);
      return this.options.fallback.decideNow(request);
    }
  }
}

/** Seconds for a Retry-After header: whole, at least 1. */
export const retryAfterSeconds = (decision: RateDecision): string => String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
