import { RESOLVE_BATCH_MAX_LOOKUPS, type TenantResolutionV1 } from '@helix/contracts';
import type { TenantLookup } from './identify';
import type { MasterClient } from './master-client';

interface Pending {
  lookup: TenantLookup;
  resolve(resolution: TenantResolutionV1 | null): void;
  reject(error: unknown): void;
}

/**
 * Gathers lookups into batch calls to the master. A lookup a request is waiting for goes out at the
 * end of the current event-loop turn, with whatever else that turn asked for; background refreshes
 * wait up to `delayMs` for company. A thousand tenants kept fresh cost a few calls a second, not
 * one per tenant per TTL.
 */
export class ResolveBatcher {
  private queue: Pending[] = [];
  private soon?: NodeJS.Immediate;
  private later?: NodeJS.Timeout;
  private batches = 0;

  constructor(
    private readonly master: MasterClient,
    private readonly delayMs: number,
  ) {}

  resolve(lookup: TenantLookup, urgent: boolean): Promise<TenantResolutionV1 | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ lookup, resolve, reject });
      if (this.queue.length >= RESOLVE_BATCH_MAX_LOOKUPS || urgent) this.soon ??= setImmediate(() => this.flush());
      else this.later ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  /** Calls made to the master so far (for tests and metrics). */
  get calls(): number {
    return this.batches;
  }

  private flush(): void {
    clearImmediate(this.soon);
    clearTimeout(this.later);
    this.soon = this.later = undefined;
    const pending = this.queue;
    this.queue = [];
    for (let start = 0; start < pending.length; start += RESOLVE_BATCH_MAX_LOOKUPS) {
      const batch = pending.slice(start, start + RESOLVE_BATCH_MAX_LOOKUPS);
      this.batches++;
      this.master.resolveMany(batch.map((item) => item.lookup)).then(
        (results) =>
          batch.forEach((item, i) => {
            const result = results[i];
            if (result instanceof Error) item.reject(result);
            else item.resolve(result);
          }),
        (error) => batch.forEach((item) => item.reject(error)),
      );
    }
  }
}
