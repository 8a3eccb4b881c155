import { TenantContextError } from './tenant-context.error';

/** Seconds a client is told to wait while a tenant's writes are frozen (a move takes about that). */
const RETRY_AFTER_SECONDS = 5;
const POLL_MS = 10;

export const writesFrozen = () =>
  new TenantContextError('TENANT_WRITES_FROZEN', 'Os dados deste cliente estão sendo transferidos. Tente novamente em instantes.', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });

interface Running {
  id: number;
  write: boolean;
}

/**
 * This instance's requests per tenant, and tenants it must not start writes for. A move freezes
 * a tenant by blocking here first (so a request holding an older resolution cannot slip in) and
 * waits for the writes already running; after the switch it waits for every request that started
 * before, so none of them still uses the old server when its copy is dropped.
 */
export class TenantActivity {
  private readonly running = new Map<string, Map<number, Running>>();
  /** Tenant key → blocked until (ms); a lease, so a block nobody lifts ends by itself. */
  private readonly blocked = new Map<string, number>();
  private sequence = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  isBlocked(tenantKey: string): boolean {
    const until = this.blocked.get(tenantKey);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.blocked.delete(tenantKey);
    return false;
  }

  block(tenantKey: string, forMs: number): void {
    this.blocked.set(tenantKey, this.clock() + forMs);
  }

  unblock(tenantKey: string): void {
    this.blocked.delete(tenantKey);
  }

  /** Counts a request as running until the returned function is called (more calls are ignored). */
  begin(tenantKey: string, write: boolean): () => void {
    const id = ++this.sequence;
    let requests = this.running.get(tenantKey);
    if (!requests) this.running.set(tenantKey, (requests = new Map()));
    requests.set(id, { id, write });
    return () => {
      requests.delete(id);
      if (requests.size === 0 && this.running.get(tenantKey) === requests) this.running.delete(tenantKey);
    };
  }

  writesInFlight(tenantKey: string): number {
    return [...(this.running.get(tenantKey)?.values() ?? [])].filter((r) => r.write).length;
  }

  /** True once no write of the tenant is running; false if some still are after `timeoutMs`. */
  writesDone(tenantKey: string, timeoutMs: number): Promise<boolean> {
    return this.until(tenantKey, (r) => r.write, timeoutMs);
  }

  /** True once every request of the tenant that started before this call is done. */
  earlierRequestsDone(tenantKey: string, timeoutMs: number): Promise<boolean> {
    const cutoff = this.sequence;
    return this.until(tenantKey, (r) => r.id <= cutoff, timeoutMs);
  }

  private async until(tenantKey: string, pending: (r: Running) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.clock() + timeoutMs;
    for (;;) {
      if (![...(this.running.get(tenantKey)?.values() ?? [])].some(pending)) return true;
      if (this.clock() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
