import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestKind } from '@helix/contracts';
import { SECURITY_HEADERS } from '@helix/http';
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { RATE_LIMITED_BODIES } from './rate-limited.error';
import type { ThrottleReport } from './throttle-report';

interface Refusal {
  tenantKey: string;
  kind: RequestKind;
  until: number;
  /** Once `until` has passed: one request went on to be decided; the others wait for its answer until then. */
  decidingUntil?: number;
}

/**
 * How long, once a refusal lapses, the requests like it wait for the one let through to be decided
 * (a shared limiter answers within a round trip). A flood's next slot fits one request: without
 * this, every request arriving during that round trip would cross Express to be refused.
 */
const DECIDING_MS = 100;
/** Kept a little past `until`, so the entry is still there to hold the flood while one is decided. */
const KEPT_PAST_UNTIL_MS = 1_000;

/**
 * What a request names on the wire before any routing: its tenant as sent (the X-Tenant-Key header,
 * else the Host), its method and its path's first segment, which together tell its kind of request
 * (robotAccess refuses routes that would make them ambiguous).
 */
function wireSignature(req: IncomingMessage & { originalUrl?: string }): string | undefined {
  const header = req.headers['x-tenant-key'];
  const tenant = header === undefined ? req.headers.host : header;
  if (typeof tenant !== 'string') return undefined;
  return `${tenant}\0${req.method}\0${firstPathSegment(req.originalUrl ?? req.url ?? '/')}`;
}

/** `/veiculos/12/fotos?x=1` → `veiculos`. */
export function firstPathSegment(path: string): string {
  const end = path.slice(1).search(/[/?#]/);
  return end < 0 ? path.slice(1) : path.slice(1, end + 1);
}

/**
 * Requests refused for their tenant's rate, remembered by what they name on the wire until their
 * Retry-After: the next ones like them are refused before Express sees them (which alone costs
 * several times what Node's HTTP parsing does), with the same answer and headers: a flood then
 * costs each request little more than its parsing. Only refuses what the admission step itself
 * found over its rate, or with its allowance used up, a moment ago; once that lapses one request
 * goes on to admission, and the others like it are refused for as long as that decision takes at
 * most (DECIDING_MS), which may refuse what a refill in that time would have let in.
 */
export class RecentRefusals {
  private readonly refused = new LRUCache<string, Refusal>({ max: 10_000, ttlAutopurge: false });

  constructor(private readonly clock: () => number = Date.now) {}

  /** Admission's answer to a request: nothing fits for `retryAfterMs` (0: room is left, forget any refusal). */
  remember(req: Request, tenantKey: string, kind: RequestKind, retryAfterMs: number): void {
    if (retryAfterMs <= 0 && this.refused.size === 0) return;
    const signature = wireSignature(req);
    if (!signature) return;
    if (retryAfterMs <= 0) this.refused.delete(signature);
    else this.refused.set(signature, { tenantKey, kind, until: this.clock() + retryAfterMs }, { ttl: retryAfterMs + KEPT_PAST_UNTIL_MS });
  }

  /**
   * Answers the request if it is one of a flood already refused, with `status` (RATE_LIMITED's in
   * the app's table) and the body the error handler would render; false: let the app handle it.
   */
  refuseEarly(report: ThrottleReport, status: number): (req: IncomingMessage, res: ServerResponse) => boolean {
    return (req, res) => {
      const signature = this.refused.size > 0 ? wireSignature(req) : undefined;
      const refusal = signature === undefined ? undefined : this.refused.get(signature);
      if (!refusal) return false;
      const now = this.clock();
      let waitMs = refusal.until - now;
      if (waitMs <= 0) {
        if (refusal.decidingUntil === undefined || refusal.decidingUntil <= now) {
          refusal.decidingUntil = now + DECIDING_MS;
          return false;
        }
        waitMs = refusal.decidingUntil - now;
      }
      report.record(refusal.kind, refusal.tenantKey);
      const body = RATE_LIMITED_BODIES[refusal.kind];
      res.writeHead(status, [
        ...SECURITY_HEADERS.flat(),
        'Retry-After',
        String(Math.max(1, Math.ceil(waitMs / 1000))),
        'Content-Type',
        'application/json; charset=utf-8',
        'Content-Length',
        String(body.length),
      ]);
      res.end(body);
      return true;
    };
  }
}
