export interface FairShareLimits {
  /** Connections of one server: the slots shared out. */
  budget: number;
  /** Slots one tenant may hold while another tenant waits; alone, a tenant may take the whole budget. */
  tenantShare: number;
  /** Callers allowed to wait, all tenants together. */
  queueLimit: number;
  /** Callers of one tenant allowed to wait, so that one tenant cannot fill the queue for the others. */
  tenantQueueLimit: number;
}

/**
 * Who gets a server's connection slots, and in which order. A caller takes a free slot at once
 * unless its tenant already has callers waiting (first come, first served within a tenant) or holds
 * its share while another tenant waits. Waiting tenants are served in turn: the one served goes to
 * the back, one at its share is passed over (keeping its place) while another waits. A slot stays
 * free rather than take a tenant past its share while another waits: it keeps room for the next
 * quiet tenant, and it goes to the first waiting tenant that drops below its share or is left alone.
 * Pure bookkeeping: no I/O, no timers.
 */
export class FairCheckoutQueue<W> {
  private held = 0;
  private readonly heldBy = new Map<string, number>();
  /** Tenants with callers waiting, in turn order (a Map keeps insertion order: a served tenant is re-inserted last). */
  private readonly turn = new Map<string, W[]>();
  private queued = 0;
  private shareSkips = 0;
  private tenantQueueRefusals = 0;

  constructor(private readonly limits: FairShareLimits) {}

  /** Takes a slot for a caller of `tenant` if it may have one now; false: it must wait. */
  tryTake(tenant: string): boolean {
    if (this.held >= this.limits.budget || this.turn.has(tenant) || !this.mayTakeOneMore(tenant)) return false;
    this.take(tenant);
    return true;
  }

  /** Puts a caller in its tenant's line; false when the queue or the tenant's part of it is full. */
  enqueue(tenant: string, waiter: W): boolean {
    const line = this.turn.get(tenant);
    if ((line?.length ?? 0) >= this.limits.tenantQueueLimit) {
      this.tenantQueueRefusals++;
      return false;
    }
    if (this.queued >= this.limits.queueLimit) return false;
    if (line) line.push(waiter);
    else this.turn.set(tenant, [waiter]);
    this.queued++;
    return true;
  }

  /** A caller gave up (timed out). A tenant it leaves alone in the queue is no longer held to its share: call nextGrant. */
  withdraw(tenant: string, waiter: W): void {
    const line = this.turn.get(tenant);
    const at = line?.indexOf(waiter) ?? -1;
    if (!line || at < 0) return;
    line.splice(at, 1);
    this.queued--;
    if (line.length === 0) this.turn.delete(tenant);
  }

  /** A slot `tenant` held is free again (its connection released or gone). */
  release(tenant: string): void {
    this.held--;
    const left = (this.heldBy.get(tenant) ?? 1) - 1;
    if (left > 0) this.heldBy.set(tenant, left);
    else this.heldBy.delete(tenant);
  }

  /** Takes a free slot for the next caller in turn that may have one, and removes it from the queue. */
  nextGrant(): W | undefined {
    if (this.held >= this.limits.budget) return undefined;
    for (const [tenant, line] of this.turn) {
      if (!this.mayTakeOneMore(tenant)) {
        this.shareSkips++;
        continue;
      }
      const waiter = line.shift() as W;
      this.queued--;
      this.turn.delete(tenant);
      if (line.length > 0) this.turn.set(tenant, line);
      this.take(tenant);
      return waiter;
    }
    return undefined;
  }

  /** Empties the queue (shutting down): every caller that was waiting. */
  drain(): W[] {
    const waiters = [...this.turn.values()].flat();
    this.turn.clear();
    this.queued = 0;
    return waiters;
  }

  stats() {
    return {
      waiting: this.queued,
      waitingTenants: this.turn.size,
      shareSkips: this.shareSkips,
      tenantQueueRefusals: this.tenantQueueRefusals,
    };
  }

  private mayTakeOneMore(tenant: string): boolean {
    return (this.heldBy.get(tenant) ?? 0) < this.limits.tenantShare || !this.anotherTenantWaits(tenant);
  }

  private anotherTenantWaits(tenant: string): boolean {
    return this.turn.size > (this.turn.has(tenant) ? 1 : 0);
  }

  private take(tenant: string): void {
    this.held++;
    this.heldBy.set(tenant, (this.heldBy.get(tenant) ?? 0) + 1);
  }
}
