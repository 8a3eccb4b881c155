import { LRUCache } from 'lru-cache';
import { gcra, type GcraStep, type RateDecision } from './gcra';

export interface RateRequest {
  key: string;
  step: GcraStep;
}

/** Where the TATs live. Requests of one call are decided in order, so a key repeated in it sees its own earlier effect. */
export interface RateStore {
  decide(requests: readonly RateRequest[]): Promise<RateDecision[]>;
}

/**
 * TATs in this process: exact for one instance, per instance with several (REDIS_URL shares them).
 * Bounded in keys (least recently used go first); an entry is dropped once its TAT is past, when it
 * no longer holds anything back.
 */
export class MemoryRateStore implements RateStore {
  private readonly tats: LRUCache<string, number>;

  constructor(
    private readonly clock: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    this.tats = new LRUCache({ max: maxKeys, ttlAutopurge: false });
  }

  decideNow(request: RateRequest): RateDecision {
    const now = this.clock();
    const { decision, tat } = gcra(this.tats.get(request.key), now, request.step);
    if (tat !== undefined) {
      if (tat > now) this.tats.set(request.key, tat, { ttl: Math.ceil(tat - now) });
      else this.tats.delete(request.key);
    }
    return decision;
  }

  async decide(requests: readonly RateRequest[]): Promise<RateDecision[]> {
    return requests.map((request) => this.decideNow(request));
  }
}
