import { AppError, defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ADMIN_ROLES, loginSchema, type AdminRole } from './auth.schema';
import type { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';

const createAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  nome: z.string().trim().min(1).max(255),
  password: z.string().min(10).max(200),
  role: z.enum(ADMIN_ROLES),
});

export function authRoutes(auth: AuthService, requireAdmin: (role: AdminRole) => RequestHandler, loginThrottle: LoginThrottle) {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'Auth',
      summary: 'Login de administrador → JWT de curta duração',
      body: loginSchema,
      errors: { 401: 'E-mail ou senha inválidos', 429: 'Tentativas demais deste endereço (ou deste endereço para este e-mail)' },
      handle: ({ req, body }) => loginThrottle.attempt(req.ip ?? 'desconhecido', body.email, () => auth.login(body.email, body.password)),
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      tag: 'Auth',
      summary: 'Quem sou eu',
      security: 'adminJwt',
      guards: [requireAdmin('viewer')],
      errors: { 401: 'Sem token válido' },
      handle: ({ req }) => req.admin,
    }),
    defineRoute({
      method: 'post',
      path: '/usuarios-admin',
      tag: 'Auth',
      summary: 'Cria um usuário administrador',
      security: 'adminJwt',
      guards: [requireAdmin('admin')],
      body: createAdminSchema,
      status: 201,
      errors: { 401: 'Sem token válido', 403: 'Perfil sem permissão', 409: 'E-mail já cadastrado' },
      handle: async ({ body }) => {
        if (!(await auth.createUser(body.email, body.password, body.role, body.nome))) {
          throw new AppError(409, 'ADMIN_EXISTS', 'Já existe um usuário com este e-mail.');
        }
        return { email: body.email, nome: body.nome, role: body.role };
      },
    }),
  ];
}
