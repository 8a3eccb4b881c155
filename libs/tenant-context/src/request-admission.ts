import { DEFAULT_REQUEST_RATES, type RequestKind } from '@helix/contracts';
import { retryAfterSeconds, type RateLimiter } from '@helix/rate-limit';
import type { RequestHandler } from 'express';
import { rateLimited } from './rate-limited.error';
import type { RecentRefusals } from './recent-refusals';
import { tenantOf } from './tenant-guard';
import type { ThrottleReport } from './throttle-report';

/**
 * Step 3's first half (admit): the tenant's rate for this kind of request, from its plan, checked
 * after resolution (cached) and before the body is parsed or a connection is taken, so a tenant
 * over its rate costs the others almost nothing. Shared by every instance when the limiter is.
 */
export function requestAdmission(
  limiter: RateLimiter,
  report: ThrottleReport,
  refusals: RecentRefusals,
): (kind: RequestKind) => RequestHandler {
  return (kind) => async (req, _res, next) => {
    const tenant = tenantOf(req);
    const rate = (tenant.resolution.assinatura.plano?.taxas ?? DEFAULT_REQUEST_RATES)[kind];
    const decision = await limiter.take(`taxa:${tenant.tenant_key}:${kind}`, { perMinute: rate.por_minuto, burst: rate.rajada });
    // Refused, or allowed with the allowance used up: what follows before retryAfterMs is refused before Express.
    refusals.remember(req, tenant.tenant_key, kind, decision.retryAfterMs);
    if (!decision.allowed) {
      report.record(kind, tenant.tenant_key);
      throw rateLimited(kind, retryAfterSeconds(decision));
    }
    next();
  };
}
