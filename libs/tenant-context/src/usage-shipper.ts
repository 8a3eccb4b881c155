import { USAGE_BATCH_MAX_EVENTS, type UsageEventV1 } from '@helix/contracts';
import type { Logger } from '@helix/http';
import type { BindableTenant, TenantConnectionManager } from './connection-manager';
import type { MasterClient } from './master-client';
import { clearOutbox, markRefused, readOutbox } from './usage-outbox';

export interface UsageShipperOptions {
  master: Pick<MasterClient, 'shipUsage'>;
  connections: TenantConnectionManager;
  intervalMs: number;
  batchSize: number;
  logger: Logger;
  /** The master now counts more than this tenant's cached resolution says (refresh it). */
  onAcknowledged?: (tenantKey: string) => void;
  /** Tenants whose outbox is left alone for now (being moved). */
  paused?: (tenantKey: string) => boolean;
}

const MAX_BACKOFF_MS = 30_000;

const placeOf = ({ database }: BindableTenant) => `${database.host}:${database.port}/${database.name}`;

/**
 * Step 5's second half: delivers the tenants' outboxes to the master in batches. Delivery is at
 * least once (an event leaves the outbox only after the master acknowledged its id) and the
 * master counts each id once, so a crash or an outage at any point neither loses nor double-counts.
 */
export class UsageShipper {
  /** Tenants whose outbox may hold events, with a version so a pass does not forget a newer event. */
  private readonly due = new Map<string, { tenant: BindableTenant; version: number }>();
  /** Where each tenant's outbox was when this instance last looked (a tenant first seen may hold leftovers of an earlier run). */
  private readonly seen = new Map<string, string>();
  private version = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = true;

  constructor(private readonly options: UsageShipperOptions) {}

  /**
   * Every served request: the outbox is checked once when a tenant is first seen, and again at
   * its new place when the tenant was moved to another server (its copy holds what was pending).
   */
  seenTenant(tenant: BindableTenant): void {
    const place = placeOf(tenant);
    if (this.seen.get(tenant.key) === place) return;
    this.seen.set(tenant.key, place);
    this.markDue(tenant);
  }

  /** An event was just committed to this tenant's outbox. */
  recorded(tenant: BindableTenant): void {
    this.seen.set(tenant.key, placeOf(tenant));
    this.markDue(tenant);
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.intervalMs);
  }

  /** Stops the timer and makes one last delivery attempt. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flush().catch(() => undefined);
  }

  /** One delivery pass over every due tenant; concurrent callers share the running pass. */
  flush(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private markDue(tenant: BindableTenant): void {
    this.due.set(tenant.key, { tenant, version: ++this.version });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.flush().then(
        () => {
          this.failures = 0;
          this.schedule(this.options.intervalMs);
        },
        (error) => {
          this.failures++;
          const delay = Math.min(this.options.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
          this.options.logger.warn({ err: error, retry_in_ms: delay }, 'usage shipping failed; events stay in the outboxes');
          this.schedule(delay);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const batchSize = Math.min(this.options.batchSize, USAGE_BATCH_MAX_EVENTS);
    for (;;) {
      const batch = await this.collect(batchSize);
      if (batch.length === 0) return;
      await this.deliver(batch);
    }
  }

  /** Up to `batchSize` events across due tenants; tenants found empty stop being due. */
  private async collect(batchSize: number): Promise<{ tenant: BindableTenant; events: UsageEventV1[] }[]> {
    const batch: { tenant: BindableTenant; events: UsageEventV1[] }[] = [];
    let size = 0;
    for (const [key, { tenant, version }] of [...this.due]) {
      if (size >= batchSize) break;
      if (this.options.paused?.(key)) continue;
      let rows: Awaited<ReturnType<typeof readOutbox>>;
      try {
        rows = await this.options.connections.withTenant(tenant, (db) => readOutbox(db, batchSize - size));
      } catch (error) {
        // One tenant's database being unreachable must not hold back every other tenant's usage.
        this.options.logger.warn({ err: error, tenant_key: key }, 'could not read the usage outbox; will retry');
        continue;
      }
      if (rows.length === 0) {
        if (this.due.get(key)?.version === version) this.due.delete(key);
        continue;
      }
      batch.push({ tenant, events: rows.map((row) => ({ ...row, tenant_key: key })) });
      size += rows.length;
    }
    return batch;
  }

  private async deliver(batch: { tenant: BindableTenant; events: UsageEventV1[] }[]): Promise<void> {
    const result = await this.options.master.shipUsage({ eventos: batch.flatMap((part) => part.events) });
    const held = new Set([...result.novos, ...result.duplicados]);
    const refused = new Map(result.recusados.map((r) => [r.id, r]));
    // An answer that settles none of the events would make the pass read them again forever.
    if (held.size === 0 && refused.size === 0) throw new Error('master settled none of the usage events sent');
    for (const { tenant, events } of batch) {
      const acknowledged = events.filter((e) => held.has(e.id)).map((e) => e.id);
      const refusals = events.filter((e) => refused.has(e.id)).map((e) => refused.get(e.id)!);
      await this.options.connections.withTenant(tenant, async (db) => {
        await clearOutbox(db, acknowledged);
        await markRefused(db, refusals);
      });
      if (refusals.length > 0) this.options.logger.error({ tenant_key: tenant.key, refusals }, 'master refused usage events');
      if (acknowledged.length > 0) this.options.onAcknowledged?.(tenant.key);
    }
  }
}
