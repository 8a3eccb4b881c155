import { DomainError, type DomainErrorExtras } from '@helix/contracts';

export type AuthErrorCode =
  | 'AUTH_REQUIRED'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'SESSION_REVOKED'
  | 'ROLE_FORBIDDEN'
  | 'WRONG_PASSWORD'
  | 'WEAK_PASSWORD'
  | 'ADMIN_EXISTS'
  | 'ADMIN_NOT_FOUND'
  | 'CANNOT_CHANGE_SELF'
  | 'LAST_ADMIN'
  | 'TOO_MANY_ATTEMPTS';
export type AuthError = DomainError<'auth', AuthErrorCode>;

const authError = (code: AuthErrorCode, message: string, extras?: DomainErrorExtras): AuthError =>
  new DomainError('auth', code, message, extras);
/** No valid session: the client is told to present an admin token. */
const unauthenticated = (code: AuthErrorCode, message: string) => authError(code, message, { challenge: 'Bearer' });

/** Every refusal of admin authentication and admin management: a stable code, a pt-BR message. */
export const authErrors = {
  authRequired: () => unauthenticated('AUTH_REQUIRED', 'Autenticação necessária.'),
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS', 'E-mail ou senha inválidos.'),
  invalidToken: () => unauthenticated('INVALID_TOKEN', 'Token inválido.'),
  tokenExpired: () => unauthenticated('TOKEN_EXPIRED', 'Sessão expirada. Faça login novamente.'),
  sessionRevoked: () => unauthenticated('SESSION_REVOKED', 'Sessão encerrada. Faça login novamente.'),
  roleForbidden: () => authError('ROLE_FORBIDDEN', 'Seu perfil não permite esta operação.'),
  wrongPassword: () => authError('WRONG_PASSWORD', 'A senha atual não confere.'),
  weakPassword: () => authError('WEAK_PASSWORD', 'Esta senha está entre as mais usadas e é fácil de adivinhar. Escolha outra.'),
  adminExists: () => authError('ADMIN_EXISTS', 'Já existe um usuário com este e-mail.'),
  adminNotFound: () => authError('ADMIN_NOT_FOUND', 'Usuário administrador não encontrado.'),
  cannotChangeSelf: () => authError('CANNOT_CHANGE_SELF', 'Você não pode desativar nem rebaixar a sua própria conta.'),
  lastAdmin: () => authError('LAST_ADMIN', 'Não é possível desativar nem rebaixar o último administrador ativo.'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    authError('TOO_MANY_ATTEMPTS', 'Muitas tentativas de login. Aguarde alguns minutos e tente novamente.', { retryAfterSeconds }),
};
