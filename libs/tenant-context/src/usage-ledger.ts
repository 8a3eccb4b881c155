/** A usage event as the robot records it: one AI reply. */
export interface UsageEvent {
  id: string;
  mensagens: number;
  tokens: number;
  at: Date;
}

export interface PendingUsage {
  mensagens: number;
  tokens: number;
}

/**
 * This instance's events the master has not acknowledged yet, per tenant: the resolve answer's
 * usage does not include them, so the quota gate adds them (else a burst could overrun a limit
 * by up to one shipping interval's worth).
 */
export class UsageLedger {
  private readonly pending = new Map<string, Map<string, PendingUsage>>();

  add(tenantKey: string, event: UsageEvent): void {
    let events = this.pending.get(tenantKey);
    if (!events) this.pending.set(tenantKey, (events = new Map()));
    events.set(event.id, { mensagens: event.mensagens, tokens: event.tokens });
  }

  acknowledge(tenantKey: string, ids: Iterable<string>): void {
    const events = this.pending.get(tenantKey);
    if (!events) return;
    for (const id of ids) events.delete(id);
    if (events.size === 0) this.pending.delete(tenantKey);
  }

  pendingFor(tenantKey: string): PendingUsage {
    const total = { mensagens: 0, tokens: 0 };
    for (const usage of this.pending.get(tenantKey)?.values() ?? []) {
      total.mensagens += usage.mensagens;
      total.tokens += usage.tokens;
    }
    return total;
  }
}
