import { AppError } from '@helix/http';
import rateLimit from 'express-rate-limit';
import type { RequestHandler } from 'express';

export interface LoginLimits {
  maxFailuresPerIp: number;
  maxFailuresPerEmail: number;
  windowSeconds: number;
}

const tooMany = new AppError(429, 'TOO_MANY_ATTEMPTS', 'Muitas tentativas de login. Aguarde alguns minutos e tente novamente.');

/**
 * Failed logins only count (successes are skipped); per IP against spraying, per e-mail against a
 * distributed guess at one account. In-memory store: one per master instance.
 */
export function loginRateLimits(limits: LoginLimits): RequestHandler[] {
  const common = {
    windowMs: limits.windowSeconds * 1000,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: (_req: unknown, _res: unknown, next: (error: unknown) => void) => next(tooMany),
  };
  return [
    rateLimit({ ...common, limit: limits.maxFailuresPerIp }),
    rateLimit({
      ...common,
      limit: limits.maxFailuresPerEmail,
      keyGenerator: (req) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return `email:${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '-'}`;
      },
    }),
  ];
}
