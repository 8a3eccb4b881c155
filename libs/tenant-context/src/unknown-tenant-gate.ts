import { retryAfterSeconds, type RateLimit, type RateLimiter } from '@helix/rate-limit';
import { rateLimited } from './rate-limited.error';
import type { ThrottleReport } from './throttle-report';

export interface UnknownTenantLimits {
  /** Lookups the master is asked for tenants this instance does not know, per client address. */
  perAddress: RateLimit;
  /** The same, from all addresses together. */
  overall: RateLimit;
}

/** What a resolver does around a master call for a tenant it has no answer for, on behalf of a client address. */
export interface MasterLookupGate {
  /** Before the call: throws (RATE_LIMITED) when the client, or everyone, asked for too many unknown tenants. */
  admit(client: string): Promise<void>;
  /** The tenant exists: the lookup does not count against anyone. */
  found(client: string): void;
}

const OVERALL_KEY = 'desconhecido:*';
const addressKey = (client: string) => `desconhecido:${client}`;

/**
 * Random keys or hosts must not turn into master calls: each lookup of a tenant this instance has
 * no answer for is taken from the client address's allowance and the overall one before the master
 * is asked, and given back when the tenant turns out to exist, so only unknown tenants spend them
 * (a cold start over a thousand real tenants is not refused). Known tenants never come here.
 */
export class UnknownTenantGate implements MasterLookupGate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: UnknownTenantLimits,
    private readonly report: ThrottleReport,
  ) {}

  async admit(client: string): Promise<void> {
    const byAddress = await this.limiter.take(addressKey(client), this.limits.perAddress);
    const overall = byAddress.allowed ? await this.limiter.take(OVERALL_KEY, this.limits.overall) : byAddress;
    if (overall.allowed) return;
    if (byAddress.allowed) await this.limiter.giveBack(addressKey(client), this.limits.perAddress);
    this.report.record('cliente_desconhecido');
    throw rateLimited('cliente_desconhecido', retryAfterSeconds(overall));
  }

  found(client: string): void {
    void Promise.all([
      this.limiter.giveBack(addressKey(client), this.limits.perAddress),
      this.limiter.giveBack(OVERALL_KEY, this.limits.overall),
    ]).catch(() => undefined);
  }
}
