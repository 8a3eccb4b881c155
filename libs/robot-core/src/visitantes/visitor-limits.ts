import type { RobotConfig } from '@helix/config';
import { retryAfterSeconds, type RateLimit, type RateLimiter } from '@helix/rate-limit';
import { tenantOf } from '@helix/tenant-context';
import type { Request, RequestHandler } from 'express';
import { visitanteErrors } from './visitantes.errors';
import { visitorOf } from './visitor-session.guard';

export type VisitorLimitSettings = Pick<
  RobotConfig,
  | 'VISITOR_MESSAGES_PER_MINUTE'
  | 'VISITOR_MESSAGES_BURST'
  | 'VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS'
  | 'VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS'
>;

/**
 * What one visitor may spend of its store's plan: messages (and bookings) per session and per
 * client address, and new sessions per address, since a new session is the way around the first
 * limit. Held in the robots' shared limiter (Redis when configured), per store.
 */
export class VisitorLimits {
  private readonly perSession: RateLimit;
  private readonly perAddress: RateLimit;
  private readonly sessionsPerAddress: RateLimit;

  constructor(
    private readonly limiter: RateLimiter,
    settings: VisitorLimitSettings,
  ) {
    this.perSession = { perMinute: settings.VISITOR_MESSAGES_PER_MINUTE, burst: settings.VISITOR_MESSAGES_BURST };
    this.perAddress = {
      perMinute: settings.VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS,
      burst: Math.max(1, Math.ceil(settings.VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS / 2)),
    };
    const sessions = settings.VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS;
    this.sessionsPerAddress = { perMinute: sessions / 60, burst: sessions };
  }

  /** Guard of POST /visitante/sessao. */
  readonly newSession: RequestHandler = async (req, _res, next) => {
    const decision = await this.limiter.take(`${this.prefix(req)}:sessoes:${req.ip}`, this.sessionsPerAddress);
    if (!decision.allowed) throw visitanteErrors.tooManySessions(retryAfterSeconds(decision));
    next();
  };

  /** Guard of a visitor's message or booking, after its session guard. */
  readonly message: RequestHandler = async (req, _res, next) => {
    const sessionKey = `${this.prefix(req)}:sessao:${visitorOf(req).visitanteId}`;
    const bySession = await this.limiter.take(sessionKey, this.perSession);
    if (!bySession.allowed) throw visitanteErrors.tooManyMessages(retryAfterSeconds(bySession));
    const byAddress = await this.limiter.take(`${this.prefix(req)}:endereco:${req.ip}`, this.perAddress);
    if (!byAddress.allowed) {
      // Refused all the same: the session keeps what it did not spend.
      await this.limiter.giveBack(sessionKey, this.perSession, 1);
      throw visitanteErrors.tooManyMessages(retryAfterSeconds(byAddress));
    }
    next();
  };

  private prefix(req: Request): string {
    return `visitante:${tenantOf(req).tenant_key}`;
  }
}
