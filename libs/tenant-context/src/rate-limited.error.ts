import { errorBody } from '@helix/http';
import { TenantContextError } from './tenant-context.error';
import type { ThrottleReason } from './throttle-report';

const MESSAGES: Record<ThrottleReason, string> = {
  vitrine: 'Muitas requisições à vitrine desta loja. Aguarde alguns segundos e tente novamente.',
  gestao: 'Muitas requisições à API desta loja. Aguarde alguns segundos e tente novamente.',
  chat: 'Muitas mensagens em pouco tempo. Aguarde alguns segundos e tente novamente.',
  cliente_desconhecido: 'Muitas requisições para lojas inexistentes. Aguarde e tente novamente.',
};

/** RATE_LIMITED: refused before any work, so retrying after `retryAfterSeconds` is safe. Counted, not logged one by one. */
export const rateLimited = (reason: ThrottleReason, retryAfterSeconds: number) =>
  new TenantContextError('RATE_LIMITED', MESSAGES[reason], { details: { limite: reason }, retryAfterSeconds, quiet: true });

/** The same answer's body as the error handler renders it, serialised once per reason for early refusals. */
export const RATE_LIMITED_BODIES: Record<ThrottleReason, Buffer> = Object.fromEntries(
  (Object.keys(MESSAGES) as ThrottleReason[]).map((reason) => [reason, Buffer.from(JSON.stringify(errorBody(rateLimited(reason, 1))))]),
) as Record<ThrottleReason, Buffer>;
