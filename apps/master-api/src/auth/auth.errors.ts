import { AppError, conflict, forbidden, notFound, unauthorized } from '@helix/http';

/** Every refusal of admin authentication and admin management: a stable code, a pt-BR message. */
export const authErrors = {
  authRequired: () => unauthorized('AUTH_REQUIRED', 'Autenticação necessária.'),
  invalidCredentials: () => unauthorized('INVALID_CREDENTIALS', 'E-mail ou senha inválidos.'),
  invalidToken: () => unauthorized('INVALID_TOKEN', 'Token inválido.'),
  tokenExpired: () => unauthorized('TOKEN_EXPIRED', 'Sessão expirada. Faça login novamente.'),
  sessionRevoked: () => unauthorized('SESSION_REVOKED', 'Sessão encerrada. Faça login novamente.'),
  roleForbidden: () => forbidden('ROLE_FORBIDDEN', 'Seu perfil não permite esta operação.'),
  wrongPassword: () => forbidden('WRONG_PASSWORD', 'A senha atual não confere.'),
  weakPassword: () =>
    new AppError(422, 'WEAK_PASSWORD', 'Esta senha está entre as mais usadas e é fácil de adivinhar. Escolha outra.'),
  adminExists: () => conflict('ADMIN_EXISTS', 'Já existe um usuário com este e-mail.'),
  adminNotFound: () => notFound('ADMIN_NOT_FOUND', 'Usuário administrador não encontrado.'),
  cannotChangeSelf: () => forbidden('CANNOT_CHANGE_SELF', 'Você não pode desativar nem rebaixar a sua própria conta.'),
  lastAdmin: () => conflict('LAST_ADMIN', 'Não é possível desativar nem rebaixar o último administrador ativo.'),
};
