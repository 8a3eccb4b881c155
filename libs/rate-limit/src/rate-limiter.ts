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
  /**
   * Share of a key's burst taken from the store at once and spent here (0: none). With a shared
   * store, each request then costs a round trip only once per lease; in exchange, what one
   * instance holds unspent (at most this share of the burst, for at most LEASE_MS) is not
   * available to the others meanwhile.
   */
  leaseShare?: number;
}

/** Requests a lease may be spent for; what is left then goes back to the store. */
const LEASE_MS = 1_000;

interface Lease {
  left: number;
  expires: number;
}

/**
 * Rate limits by key. When nothing more fits (a refusal, or an allowed request that used the last
 * of the allowance) the moment the key may go again is remembered here: until then every request
 * of that key is refused without asking the store, so a flood costs a map lookup per request.
 * Other instances spending more only push that moment later (the next request then asks the store
 * and is refused again); what they give back (a lapsed lease, a login that succeeded) may bring it
 * earlier, so a remembered refusal can outlast the real one, by at most its own Retry-After.
 */
export class RateLimiter {
  private readonly refusedUntil = new LRUCache<string, { level: number; until: number }>({ max: 100_000, ttlAutopurge: false });
  private readonly leases = new LRUCache<string, Lease>({ max: 100_000, ttlAutopurge: false });
  /** Leases being taken from the store: concurrent requests of the key wait for it rather than each taking one. */
  private readonly leasing = new Map<string, Promise<boolean>>();
  private readonly clock: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Spends `cost` from the key's allowance when it fits; a refusal spends nothing. */
  async take(key: string, limit: RateLimit, cost = 1): Promise<RateDecision> {
    const size = Math.floor(limit.burst * (this.options.leaseShare ?? 0));
    if (size <= cost) return this.decide(key, limit, cost, true);
    for (;;) {
      const refused = this.stillRefused(key);
      if (refused) return refused;
      if (this.spendLeased(key, cost)) return { allowed: true, retryAfterMs: 0, level: 0 };
      let leasing = this.leasing.get(key);
      if (!leasing) {
        leasing = this.lease(key, limit, size).finally(() => this.leasing.delete(key));
        this.leasing.set(key, leasing);
      }
      // Less than a lease is left: one request at a time.
      if (!(await leasing)) return this.decide(key, limit, cost, true);
    }
  }

  private spendLeased(key: string, cost: number): boolean {
    const lease = this.leases.get(key);
    if (!lease) return false;
    if (lease.expires > this.clock() && lease.left >= cost) {
      lease.left -= cost;
      return true;
    }
    return false;
  }

  /** Takes `size` from the store for this instance to spend; what a lapsed lease left unspent goes back first. */
  private async lease(key: string, limit: RateLimit, size: number): Promise<boolean> {
    const previous = this.leases.get(key);
    this.leases.delete(key);
    if (previous && previous.left > 0) await this.ask(key, limit, -previous.left, true).catch(() => undefined);
    const leased = await this.ask(key, limit, size, true);
    if (leased.allowed) this.leases.set(key, { left: size, expires: this.clock() + LEASE_MS }, { ttl: LEASE_MS });
    return leased.allowed;
  }

  /** Would `cost` fit now? Spends nothing. */
  check(key: string, limit: RateLimit, cost = 1): Promise<RateDecision> {
    return this.decide(key, limit, cost, false);
  }

  /** Returns what an attempt took once it turned out not to count (e.g. a login that succeeded). */
  async giveBack(key: string, limit: RateLimit, cost = 1): Promise<void> {
    this.refusedUntil.delete(key);
    const lease = this.leases.get(key);
    if (lease) {
      lease.left += cost;
      return;
    }
    await this.ask(key, limit, -cost, true);
  }

  /** The refusal remembered for `key`, while it lasts. */
  private stillRefused(key: string): RateDecision | undefined {
    const refused = this.refusedUntil.get(key);
    if (!refused) return undefined;
    const wait = refused.until - this.clock();
    if (wait > 0) return { allowed: false, retryAfterMs: Math.ceil(wait), level: refused.level };
    this.refusedUntil.delete(key);
    return undefined;
  }

  private async decide(key: string, limit: RateLimit, cost: number, commit: boolean): Promise<RateDecision> {
    const refused = this.stillRefused(key);
    if (refused) return refused;
    const decision = await this.ask(key, limit, cost, commit);
    // Refused, or allowed with the allowance now used up: either way nothing fits until retryAfterMs.
    if (!decision.allowed || (commit && decision.retryAfterMs > 0)) {
      this.refusedUntil.set(key, { level: decision.level, until: this.clock() + decision.retryAfterMs }, { ttl: decision.retryAfterMs });
    }
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

/** Seconds to tell a refused client to wait (Retry-After): whole, at least 1. */
export const retryAfterSeconds = (decision: RateDecision): number => Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
