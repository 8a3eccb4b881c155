import { DomainError, type DomainErrorExtras } from '@helix/contracts';

export type AuthErrorCode =
  | 'AUTH_REQUIRED'
  | 'INVALID_CREDENTIALS'
  | 'SESSION_REVOKED'
  | 'ROLE_FORBIDDEN'
  | 'WRONG_PASSWORD'
  | 'ADMIN_EXISTS'
  | 'ADMIN_NOT_FOUND'
  | 'CANNOT_CHANGE_SELF'
  | 'LAST_ADMIN';
export type AuthError = DomainError<'auth', AuthErrorCode>;

const authError = (code: AuthErrorCode, message: string, extras?: DomainErrorExtras): AuthError =>
  new DomainError('auth', code, message, extras);
/** No valid session: the client is told to present an admin token. */
const unauthenticated = (code: AuthErrorCode, message: string) => authError(code, message, { challenge: 'Bearer' });

/**
 * Every refusal of admin authentication and admin management: a stable code, a pt-BR message.
 * Bad or expired tokens, login limits and weak passwords are @helix/sessions' (`sessions` codes).
 */
export const authErrors = {
  authRequired: () => unauthenticated('AUTH_REQUIRED', 'Autenticação necessária.'),
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS', 'E-mail ou senha inválidos.'),
  sessionRevoked: () => unauthenticated('SESSION_REVOKED', 'Sessão encerrada. Faça login novamente.'),
  roleForbidden: () => authError('ROLE_FORBIDDEN', 'Seu perfil não permite esta operação.'),
  wrongPassword: () => authError('WRONG_PASSWORD', 'A senha atual não confere.'),
  adminExists: () => authError('ADMIN_EXISTS', 'Já existe um usuário com este e-mail.'),
  adminNotFound: () => authError('ADMIN_NOT_FOUND', 'Usuário administrador não encontrado.'),
  cannotChangeSelf: () => authError('CANNOT_CHANGE_SELF', 'Você não pode desativar nem rebaixar a sua própria conta.'),
  lastAdmin: () => authError('LAST_ADMIN', 'Não é possível desativar nem rebaixar o último administrador ativo.'),
};
