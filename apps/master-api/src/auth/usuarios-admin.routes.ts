import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import { adminIdParam, createAdminSchema, updateAdminSchema, type AdminRole } from './auth.schema';
import type { UsuariosAdminService } from './usuarios-admin.service';

const AUTH_ERRORS = { 401: 'Sem token válido, ou sessão encerrada', 403: 'Perfil sem permissão' };

export function usuariosAdminRoutes(usuarios: UsuariosAdminService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Usuários admin', security: 'adminJwt' as const, guards: [requireAdmin('admin')] };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/usuarios-admin',
      summary: 'Usuários administradores (sem hash de senha)',
      errors: AUTH_ERRORS,
      handle: () => usuarios.list(),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/usuarios-admin',
      summary: 'Cria um usuário administrador',
      body: createAdminSchema,
      status: 201,
      errors: { ...AUTH_ERRORS, 409: 'E-mail já cadastrado', 422: 'Senha entre as mais comuns' },
      handle: ({ body, req }) => usuarios.create(body, req.admin!),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/usuarios-admin/:id',
      summary: 'Um usuário com o histórico de mudanças (quem, o quê, quando)',
      params: adminIdParam,
      errors: { ...AUTH_ERRORS, 404: 'Usuário não encontrado' },
      handle: ({ params }) => usuarios.get(params.id),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/usuarios-admin/:id',
      summary: 'Muda nome, perfil ou ativo; perfil e ativo encerram as sessões do usuário',
      params: adminIdParam,
      body: updateAdminSchema,
      errors: {
        ...AUTH_ERRORS,
        403: 'Perfil sem permissão, ou desativar/rebaixar a própria conta (CANNOT_CHANGE_SELF)',
        404: 'Usuário não encontrado',
        409: 'Deixaria nenhum administrador ativo (LAST_ADMIN)',
      },
      handle: ({ params, body, req }) => usuarios.update(params.id, body, req.admin!),
    }),
  ];
}
