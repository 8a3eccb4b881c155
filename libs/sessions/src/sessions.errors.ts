import { DomainError, type DomainErrorExtras } from '@helix/contracts';

export type SessionsErrorCode = 'INVALID_TOKEN' | 'TOKEN_EXPIRED' | 'TOO_MANY_ATTEMPTS' | 'WEAK_PASSWORD';
export type SessionsError = DomainError<'sessions', SessionsErrorCode>;

const sessionsError = (code: SessionsErrorCode, message: string, extras?: DomainErrorExtras): SessionsError =>
  new DomainError('sessions', code, message, extras);

/** Refusals shared by every kind of signed-in person (the master's admins, the stores' staff). */
export const sessionsErrors = {
  invalidToken: () => sessionsError('INVALID_TOKEN', 'Token inválido.', { challenge: 'Bearer' }),
  tokenExpired: () => sessionsError('TOKEN_EXPIRED', 'Sessão expirada. Faça login novamente.', { challenge: 'Bearer' }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    sessionsError('TOO_MANY_ATTEMPTS', 'Muitas tentativas de login. Aguarde alguns minutos e tente novamente.', { retryAfterSeconds }),
  weakPassword: () => sessionsError('WEAK_PASSWORD', 'Esta senha está entre as mais usadas e é fácil de adivinhar. Escolha outra.'),
};
