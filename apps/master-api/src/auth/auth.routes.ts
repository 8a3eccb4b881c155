import { defineRoute } from '@helix/http';
import type { Request, RequestHandler } from 'express';
import { changePasswordSchema, loginSchema, type AdminRole } from './auth.schema';
import type { AuthService } from './auth.service';

const AUTH_ERRORS = { 401: 'Sem token válido, ou sessão encerrada' };
const clientAddress = (req: Request) => req.ip ?? 'desconhecido';

export function authRoutes(auth: AuthService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Auth', security: 'adminJwt' as const, guards: [requireAdmin('viewer')] };
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'Auth',
      summary: 'Login de administrador → JWT de curta duração',
      body: loginSchema,
      errors: { 401: 'E-mail ou senha inválidos', 429: 'Tentativas demais deste endereço (ou deste endereço para este e-mail)' },
      handle: ({ req, body }) => auth.login(clientAddress(req), body.email, body.password),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/auth/me',
      summary: 'Quem sou eu (perfil atual, lido do banco)',
      errors: AUTH_ERRORS,
      handle: ({ req }) => req.admin,
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/auth/logout',
      summary: 'Encerra esta sessão: o token deixa de valer em todas as instâncias',
      status: 204,
      errors: AUTH_ERRORS,
      handle: ({ req }) => auth.logout(req.adminSession!),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/auth/logout-all',
      summary: 'Encerra todas as sessões da própria conta, esta inclusive',
      status: 204,
      errors: AUTH_ERRORS,
      handle: ({ req }) => auth.logoutAll(req.admin!),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/auth/senha',
      summary: 'Troca a própria senha: encerra todas as sessões e devolve o token de uma nova',
      body: changePasswordSchema,
      errors: {
        ...AUTH_ERRORS,
        403: 'Senha atual incorreta',
        422: 'Nova senha entre as mais comuns',
        429: 'Tentativas demais da senha atual',
      },
      handle: ({ req, body }) => auth.changePassword(clientAddress(req), req.admin!, body),
    }),
  ];
}
