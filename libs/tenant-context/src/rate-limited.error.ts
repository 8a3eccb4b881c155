import { AppError } from '@helix/http';
import { retryAfterSeconds, type RateDecision } from '@helix/rate-limit';
import type { ThrottleReason } from './throttle-report';

const MESSAGES: Record<ThrottleReason, string> = {
  vitrine: 'Muitas requisições à vitrine desta loja. Aguarde alguns segundos e tente novamente.',
  gestao: 'Muitas requisições à API desta loja. Aguarde alguns segundos e tente novamente.',
  chat: 'Muitas mensagens em pouco tempo. Aguarde alguns segundos e tente novamente.',
  cliente_desconhecido: 'Muitas requisições para lojas inexistentes. Aguarde e tente novamente.',
};

/** 429 RATE_LIMITED with Retry-After: refused before any work, so retrying later is safe. Counted, not logged one by one. */
export function rateLimited(reason: ThrottleReason, decision: RateDecision): AppError {
  const error = new AppError(429, 'RATE_LIMITED', MESSAGES[reason], { limite: reason }, { 'Retry-After': retryAfterSeconds(decision) });
  error.quiet = true;
  return error;
}

/** The same answer's body as the error handler renders it, serialised once per reason for early refusals. */
export const RATE_LIMITED_BODIES: Record<ThrottleReason, Buffer> = Object.fromEntries(
  (Object.keys(MESSAGES) as ThrottleReason[]).map((reason) => [
    reason,
    Buffer.from(JSON.stringify({ error: { code: 'RATE_LIMITED', message: MESSAGES[reason], details: { limite: reason } } })),
  ]),
) as Record<ThrottleReason, Buffer>;
