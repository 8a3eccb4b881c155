import { domainErrorClass } from '@helix/contracts';

/** Stable codes of what a store visitor is refused. */
export type VisitanteErrorCode =
  'VISITANTE_SESSION_REQUIRED' | 'VISITANTE_SESSION_INVALID' | 'VISITANTE_SESSION_EXPIRED' | 'VISITANTE_RATE_LIMITED';

export const VisitanteError = domainErrorClass<'visitante', VisitanteErrorCode>('visitante', 'VisitanteError');
export type VisitanteError = InstanceType<typeof VisitanteError>;

/** Every session refusal asks for a new session: the storefront then opens one (POST /visitante/sessao). */
const session = (code: VisitanteErrorCode, message: string) => new VisitanteError(code, message, { challenge: 'Bearer' });

export const visitanteErrors = {
  sessionRequired: () => session('VISITANTE_SESSION_REQUIRED', 'Sessão de visitante ausente. Recarregue a página.'),
  sessionInvalid: () => session('VISITANTE_SESSION_INVALID', 'Sessão de visitante inválida. Recarregue a página.'),
  otherStore: () => session('VISITANTE_SESSION_INVALID', 'Esta sessão de visitante é de outra loja. Recarregue a página.'),
  sessionExpired: () => session('VISITANTE_SESSION_EXPIRED', 'Sessão de visitante expirada. Recarregue a página.'),
  tooManyMessages: (retryAfterSeconds: number) =>
    new VisitanteError('VISITANTE_RATE_LIMITED', 'Muitas mensagens em pouco tempo. Aguarde alguns segundos e tente novamente.', {
      details: { limite: 'mensagens' },
      retryAfterSeconds,
      quiet: true,
    }),
  tooManySessions: (retryAfterSeconds: number) =>
    new VisitanteError('VISITANTE_RATE_LIMITED', 'Muitas sessões abertas a partir deste endereço. Aguarde e tente novamente.', {
      details: { limite: 'sessoes' },
      retryAfterSeconds,
      quiet: true,
    }),
};
