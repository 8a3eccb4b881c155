import type { LojaPublicaV1 } from '@helix/contracts';
import { MasterUnavailableError, type MasterLookupGate, type TenantLookup } from '@helix/tenant-context';
import { LRUCache } from 'lru-cache';
import type { MasterLojasClient } from './master-lojas.client';
import { webErrors } from './web.errors';

export interface LojaDirectoryOptions {
  /** An answer is fresh this long: a suspension or a new look shows within it. */
  ttlMs: number;
  /** "Not found" is remembered this long. */
  negativeTtlMs: number;
  /** While the master is down, a store is served from an answer this old at most. */
  staleMs: number;
  maxEntries: number;
  clock?: () => number;
}

interface Entry {
  loja: LojaPublicaV1 | null;
  fetchedAt: number;
}

const lookupId = (lookup: TenantLookup) => ('key' in lookup ? `key:${lookup.key}` : `host:${lookup.host}`);
const lookupName = (lookup: TenantLookup) => ('key' in lookup ? lookup.key : lookup.host);

/**
 * Which store a Host names, as the master last said: an in-process LRU with a TTL, one master
 * call per lookup however many requests wait for it, the last answer kept while the master is
 * down, and lookups of stores this instance does not know taken from the asking address's
 * allowance first (random hosts must not become master calls).
 */
export class LojaDirectory {
  private readonly cache: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<LojaPublicaV1 | null>>();
  private readonly clock: () => number;

  constructor(
    private readonly master: MasterLojasClient,
    private readonly gate: MasterLookupGate,
    private readonly options: LojaDirectoryOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.cache = new LRUCache({ max: options.maxEntries, ttl: Math.max(options.staleMs, options.ttlMs, 1), ttlAutopurge: false });
  }

  /** The store, or TENANT_NOT_FOUND; MASTER_UNAVAILABLE only when no answer about it is at hand. */
  async find(lookup: TenantLookup, client: string): Promise<LojaPublicaV1> {
    const id = lookupId(lookup);
    const entry = this.cache.get(id);
    const age = entry ? this.clock() - entry.fetchedAt : Infinity;
    if (entry && age < (entry.loja ? this.options.ttlMs : this.options.negativeTtlMs)) return this.answer(entry.loja, lookup);

    let loja: LojaPublicaV1 | null;
    try {
      loja = await this.fetchOnce(id, lookup, entry?.loja ? undefined : client);
    } catch (error) {
      if (!(error instanceof MasterUnavailableError)) throw error;
      if (entry?.loja && age < this.options.staleMs) return entry.loja;
      throw webErrors.masterUnavailable();
    }
    return this.answer(loja, lookup);
  }

  private answer(loja: LojaPublicaV1 | null, lookup: TenantLookup): LojaPublicaV1 {
    if (!loja) throw webErrors.lojaNotFound(lookupName(lookup));
    return loja;
  }

  /** `client` set: the store is unknown here, so the lookup is admitted by the gate first. */
  private fetchOnce(id: string, lookup: TenantLookup, client: string | undefined): Promise<LojaPublicaV1 | null> {
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const call = (async () => {
      if (client !== undefined) await this.gate.admit(client);
      const loja = await this.master.find(lookup);
      if (client !== undefined && loja) this.gate.found(client);
      this.cache.set(id, { loja, fetchedAt: this.clock() });
      return loja;
    })().finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, call);
    return call;
  }
}
