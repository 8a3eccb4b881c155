import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RobotConfig } from '@helix/config';
import type { RequestKind } from '@helix/contracts';
import { registerTotalsCounter, warnEvery, type Logger } from '@helix/http';
import { createSharedRateLimiter, type RateLimiter } from '@helix/rate-limit';
import { RecentRefusals, requestAdmission, ThrottleReport, UnknownTenantGate } from '@helix/tenant-context';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { ROBOT_ERROR_STATUSES } from './robot-error-statuses';

/**
 * Each instance takes a twentieth of a tenant's burst from Redis at a time and spends it locally:
 * a busy tenant costs a Redis round trip per lease, not per request, and at most a twentieth of
 * its burst per instance sits unspent for a second.
 */
const LEASE_SHARE = 1 / 20;
/** Tenants named in each top-offenders log line. */
const TOP_OFFENDERS = 5;

/** What refuses a robot's excess requests before they cost anything: plan rates and unknown-tenant lookups. */
export interface RobotThrottling {
  admit: (kind: RequestKind) => RequestHandler;
  /** First thing on every request, before Express: what admission refused a moment ago is refused again at once. */
  refuseEarly: (req: IncomingMessage, res: ServerResponse) => boolean;
  unknownTenants: UnknownTenantGate;
  report: ThrottleReport;
  /** The limiter itself, for limits of finer keys than a tenant (a store visitor's session, its address). */
  limiter: RateLimiter;
  close(): Promise<void>;
}

export function createRobotThrottling(config: RobotConfig, logger: Logger): RobotThrottling {
  const limits = createSharedRateLimiter({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    onStoreError: warnEvery(logger, 'Redis unreachable: rate limits held by this instance alone until it answers'),
    leaseShare: LEASE_SHARE,
  });
  const report = new ThrottleReport();
  const refusals = new RecentRefusals();
  const perMinute = (limit: number) => ({ perMinute: limit, burst: Math.max(1, Math.ceil(limit / 2)) });
  const unknownTenants = new UnknownTenantGate(
    limits.limiter,
    { perAddress: perMinute(config.UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS), overall: perMinute(config.UNKNOWN_TENANT_LOOKUPS) },
    report,
  );
  const reporter = setInterval(() => {
    const top = report.takeTopOffenders(TOP_OFFENDERS);
    if (top.length > 0) logger.warn({ top, interval_ms: config.THROTTLE_REPORT_INTERVAL_MS }, 'tenants refused most by rate limits');
  }, config.THROTTLE_REPORT_INTERVAL_MS);
  reporter.unref();
  return {
    admit: requestAdmission(limits.limiter, report, refusals),
    refuseEarly: refusals.refuseEarly(report, ROBOT_ERROR_STATUSES['tenant-context'].RATE_LIMITED),
    unknownTenants,
    report,
    limiter: limits.limiter,
    async close() {
      clearInterval(reporter);
      await limits.close();
    },
  };
}

/** /metrics: refusals by reason only (never a series per tenant: a thousand tenants would explode it); who, in the logs. */
export function registerThrottlingMetrics(registry: Registry, report: ThrottleReport): void {
  registerTotalsCounter(registry, {
    name: 'helix_requests_throttled_total',
    help: 'Requisições recusadas antes de qualquer trabalho (429 RATE_LIMITED), por motivo',
    label: 'reason',
    totals: () => report.totals,
  });
}
