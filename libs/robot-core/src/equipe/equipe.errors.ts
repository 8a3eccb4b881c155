import { domainErrorClass } from '@helix/contracts';

/** Stable codes of what the store's staff (the back office, /painel) is refused. */
export type EquipeErrorCode =
  | 'EQUIPE_AUTH_REQUIRED'
  | 'INVALID_CREDENTIALS'
  | 'SESSION_REVOKED'
  | 'ROLE_FORBIDDEN'
  | 'USUARIO_NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'LAST_OWNER'
  | 'INVITE_INVALID';

export const EquipeError = domainErrorClass<'equipe', EquipeErrorCode>('equipe', 'EquipeError');
export type EquipeError = InstanceType<typeof EquipeError>;

/** No valid session: the client is told to sign in again. */
const unauthenticated = (code: EquipeErrorCode, message: string) => new EquipeError(code, message, { challenge: 'Bearer' });

export const equipeErrors = {
  authRequired: () => unauthenticated('EQUIPE_AUTH_REQUIRED', 'Faça login no painel da loja.'),
  invalidCredentials: () => unauthenticated('INVALID_CREDENTIALS', 'E-mail ou senha inválidos.'),
  sessionRevoked: () => unauthenticated('SESSION_REVOKED', 'Sessão encerrada. Faça login novamente.'),
  roleForbidden: () => new EquipeError('ROLE_FORBIDDEN', 'Só o dono da loja pode fazer isso.'),
  usuarioNotFound: (id: number) => new EquipeError('USUARIO_NOT_FOUND', `Usuário ${id} não encontrado na equipe.`),
  emailTaken: () => new EquipeError('EMAIL_TAKEN', 'Já existe alguém da equipe com este e-mail.'),
  lastOwner: () =>
    new EquipeError('LAST_OWNER', 'A loja precisa de ao menos um dono ativo: não é possível desativar nem rebaixar o último.'),
  inviteInvalid: () => new EquipeError('INVITE_INVALID', 'Convite inválido, já usado ou expirado. Peça um novo ao dono da loja.'),
};
