import type { RequestKind } from '@helix/contracts';

/** Why a request was refused before any work: its tenant's rate for that kind, or too many lookups of unknown tenants. */
export type ThrottleReason = RequestKind | 'cliente_desconhecido';

/**
 * What throttling refused: totals per reason (for /metrics, whose series must not grow with the
 * number of tenants) and, per tenant since the last report, what the top-offenders log line names.
 */
export class ThrottleReport {
  readonly totals = new Map<ThrottleReason, number>();
  private byTenant = new Map<string, number>();

  record(reason: ThrottleReason, tenantKey?: string): void {
    this.totals.set(reason, (this.totals.get(reason) ?? 0) + 1);
    if (tenantKey) this.byTenant.set(tenantKey, (this.byTenant.get(tenantKey) ?? 0) + 1);
  }

  /** The tenants refused most since the last call, most first; the count starts over. */
  takeTopOffenders(limit: number): { tenant_key: string; recusadas: number }[] {
    const counts = this.byTenant;
    this.byTenant = new Map();
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([tenant_key, recusadas]) => ({ tenant_key, recusadas }));
  }
}
