import type { TenantResolutionV1 } from '@helix/contracts';
import { LRUCache } from 'lru-cache';
import type { TenantLookup } from './identify';
import { MasterUnavailableError, type MasterClient } from './master-client';
import { ResolveBatcher } from './resolve-batcher';
import { TenantContextError, tenantNotFound } from './tenant-context.error';
import type { MasterLookupGate } from './unknown-tenant-gate';

export interface ResolverOptions {
  /** A resolution is fresh this long: a suspension takes effect within it. */
  ttlMs: number;
  /** While the master is down, known tenants keep being served from a resolution this old at most. */
  staleMs: number;
  /** "Not found" is remembered this long, so a flood of unknown keys does not reach the master. */
  negativeTtlMs: number;
  maxEntries: number;
  clock?: () => number;
}

interface Entry {
  resolution: TenantResolutionV1 | null;
  fetchedAt: number;
  /** Order in which the master was asked: an older answer arriving late never replaces a newer one. */
  asked: number;
}

/** Share of the TTL after which a request for a tenant also starts a background refresh of it. */
const REFRESH_AHEAD = 0.75;
/** How long a refresh ahead waits for others to share its call to the master. */
const REFRESH_BATCH_DELAY_MS = 50;

const lookupId = (lookup: TenantLookup) => ('key' in lookup ? `key:${lookup.key}` : `host:${lookup.host}`);
const lookupName = (lookup: TenantLookup) => ('key' in lookup ? lookup.key : lookup.host);

/**
 * Step 2 of a robot request: the in-process cache, else the master, asked once per lookup no
 * matter how many requests wait for it (single flight) and in batches with other lookups.
 * Bounded in entries (LRU) and in age.
 */
export class TenantResolver {
  private readonly cache: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<TenantResolutionV1 | null>>();
  private readonly clock: () => number;
  /** Tenant key → resolutions fetched at or before this instant are due for a refresh. */
  private readonly outdatedBefore = new Map<string, number>();
  private readonly batcher: ResolveBatcher;
  private asks = 0;

  constructor(
    master: MasterClient,
    private readonly options: ResolverOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.batcher = new ResolveBatcher(master, REFRESH_BATCH_DELAY_MS);
    this.cache = new LRUCache({ max: options.maxEntries, ttl: options.staleMs, ttlAutopurge: false });
  }

  /**
   * `gate` is consulted, for the `client` address asking, before asking the master about a lookup
   * this instance knows nothing of (no answer, not even a stale one, and none on its way): unknown
   * names cost the master nothing past it.
   */
  async resolve(lookup: TenantLookup, gate?: MasterLookupGate, client = ''): Promise<TenantResolutionV1> {
    const id = lookupId(lookup);
    const cached = this.cache.get(id);
    const now = this.clock();
    if (
      cached &&
      now - cached.fetchedAt < (cached.resolution ? this.options.ttlMs : this.options.negativeTtlMs) &&
      !this.isOutdated(cached)
    ) {
      // Refresh ahead: a tenant in use is re-read before its answer expires, so its requests never
      // wait for the master, and what they are served is still never older than the TTL.
      if (cached.resolution && now - cached.fetchedAt >= this.options.ttlMs * REFRESH_AHEAD)
        this.fetch(id, lookup, false).catch(() => undefined);
      return this.unwrap(cached.resolution, lookup);
    }
    const unknown = !cached?.resolution && !this.inFlight.has(id) ? gate : undefined;
    await unknown?.admit(client);
    try {
      const resolution = await this.fetch(id, lookup, true);
      if (resolution) unknown?.found(client);
      return this.unwrap(resolution, lookup);
    } catch (error) {
      if (!(error instanceof MasterUnavailableError)) throw error;
      if (cached?.resolution && now - cached.fetchedAt < this.options.staleMs) return cached.resolution;
      throw new TenantContextError('MASTER_UNAVAILABLE', 'Serviço temporariamente indisponível. Tente novamente em instantes.', {
        retryAfterSeconds: 5,
      });
    }
  }

  /**
   * Asks the master now, whatever is cached or in flight (an operator changed the tenant, e.g. a
   * move), and puts the answer under every lookup of that tenant (key, subdomain, domain).
   */
  async refresh(tenantKey: string): Promise<TenantResolutionV1> {
    // Requests waiting for an answer asked before now get it (and are counted as running) first.
    await Promise.allSettled([...this.inFlight.values()]);
    const lookup = { key: tenantKey };
    const entry = await this.ask(lookupId(lookup), lookup, true);
    const resolution = this.unwrap(entry.resolution, lookup);
    for (const [id, cached] of this.cache.entries()) {
      if (cached.resolution?.tenant.tenant_key === tenantKey) this.store(id, entry);
    }
    return resolution;
  }

  /**
   * The master's view of a tenant changed (e.g. it acknowledged usage): refresh on next use, but
   * keep the old answer as the stale fallback should the master be down.
   */
  markOutdated(tenantKey: string): void {
    this.outdatedBefore.set(tenantKey, this.clock());
  }

  private isOutdated(entry: Entry): boolean {
    const before = entry.resolution ? this.outdatedBefore.get(entry.resolution.tenant.tenant_key) : undefined;
    return before !== undefined && entry.fetchedAt <= before;
  }

  /** How many times the master was actually called (for tests and metrics). */
  get calls(): number {
    return this.batcher.calls;
  }

  /** `urgent`: a request is waiting for the answer (not a refresh ahead of expiry). */
  private fetch(id: string, lookup: TenantLookup, urgent: boolean): Promise<TenantResolutionV1 | null> {
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.ask(id, lookup, urgent)
        .then((entry) => entry.resolution)
        .finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  /** One lookup sent to the master, its answer cached under `id` unless a newer one is already there. */
  private async ask(id: string, lookup: TenantLookup, urgent: boolean): Promise<Entry> {
    // Stamped when asked, not when answered: an answer computed before markOutdated stays outdated.
    const stamp = { fetchedAt: this.clock(), asked: ++this.asks };
    const entry = { resolution: await this.batcher.resolve(lookup, urgent), ...stamp };
    this.store(id, entry);
    return entry;
  }

  private store(id: string, entry: Entry): void {
    if ((this.cache.get(id)?.asked ?? 0) > entry.asked) return;
    this.cache.set(id, entry, entry.resolution ? {} : { ttl: this.options.negativeTtlMs });
  }

  private unwrap(resolution: TenantResolutionV1 | null, lookup: TenantLookup): TenantResolutionV1 {
    if (!resolution) throw tenantNotFound(lookupName(lookup));
    return resolution;
  }
}
