import { AppError } from '@helix/http';

/** Seconds a client is told to wait while a tenant's writes are frozen (a move takes about that). */
const RETRY_AFTER_SECONDS = '5';

export const writesFrozen = () =>
  new AppError(503, 'TENANT_WRITES_FROZEN', 'Os dados deste cliente estão sendo transferidos. Tente novamente em instantes.', undefined, {
    'Retry-After': RETRY_AFTER_SECONDS,
  });

/**
 * This instance's writes per tenant: how many are in flight, and tenants it must not start new
 * ones for. A move freezes a tenant by blocking here first (so a request holding an older
 * resolution cannot slip in), then waits until the writes already running are done.
 */
export class TenantWrites {
  private readonly running = new Map<string, number>();
  private readonly idle = new Map<string, (() => void)[]>();
  /** Tenant key → blocked until (ms); a lease, so a block nobody lifts ends by itself. */
  private readonly blocked = new Map<string, number>();

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

  /** Counts a write as running until the returned function is called (once is enough; more are ignored). */
  begin(tenantKey: string): () => void {
    this.running.set(tenantKey, (this.running.get(tenantKey) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.running.get(tenantKey) ?? 1) - 1;
      if (left > 0) {
        this.running.set(tenantKey, left);
        return;
      }
      this.running.delete(tenantKey);
      for (const wake of this.idle.get(tenantKey)?.splice(0) ?? []) wake();
      this.idle.delete(tenantKey);
    };
  }

  inFlight(tenantKey: string): number {
    return this.running.get(tenantKey) ?? 0;
  }

  /** Resolves true once no write of the tenant is running, false if some still are after `timeoutMs`. */
  drained(tenantKey: string, timeoutMs: number): Promise<boolean> {
    if (this.inFlight(tenantKey) === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const waiting = this.idle.get(tenantKey);
        waiting?.splice(waiting.indexOf(wake), 1);
        resolve(false);
      }, timeoutMs);
      const waiting = this.idle.get(tenantKey) ?? [];
      waiting.push(wake);
      this.idle.set(tenantKey, waiting);
    });
  }
}
