import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { Request } from 'express';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { acceptInviteSchema, createUsuarioSchema, loginSchema, updateUsuarioSchema } from './equipe.schema';
import type { EquipeService } from './equipe.service';
import { staffOf } from './staff-session.guard';

const clientAddress = (req: Request) => req.ip ?? 'desconhecido';
const SESSION_ERRORS = { 401: 'Sem sessão da equipe, ou sessão inválida, expirada, encerrada ou de outra loja' };
const OWNER_ERRORS = { ...SESSION_ERRORS, 403: 'Só o dono da loja' };

/** The store's back office (/painel): its staff signing in, and the owner managing the team. */
export function equipeRoutes(access: RobotAccess, equipe: EquipeService) {
  const common = { tag: 'Equipe da loja' };
  return [
    access.staffLogin(
      defineRoute({
        ...common,
        method: 'post',
        path: '/equipe/login',
        summary: 'Login da equipe da loja → token de sessão (12 h)',
        body: loginSchema,
        errors: { 401: 'E-mail ou senha inválidos', 429: 'Tentativas demais deste endereço (ou deste endereço para este e-mail)' },
        handle: ({ req, body }) => equipe.login(tenantOf(req), clientAddress(req), body.email, body.senha),
      }),
    ),
    access.staffLogin(
      defineRoute({
        ...common,
        method: 'post',
        path: '/equipe/convite/aceitar',
        summary: 'Aceita um convite: define a senha (uma vez, antes de expirar) e entra',
        body: acceptInviteSchema,
        errors: { 400: 'Convite inválido, usado ou expirado', 422: 'Senha entre as mais comuns' },
        handle: ({ req, body }) => equipe.acceptInvite(tenantOf(req), body.token, body.senha),
      }),
    ),
    access.staff(
      defineRoute({
        ...common,
        method: 'post',
        path: '/equipe/logout',
        summary: 'Encerra esta sessão: o token deixa de valer',
        status: 204,
        errors: SESSION_ERRORS,
        handle: ({ req }) => equipe.logout(tenantOf(req), staffOf(req).session),
      }),
    ),
    access.staff(
      defineRoute({
        ...common,
        method: 'get',
        path: '/equipe/eu',
        summary: 'Quem sou eu (lido do banco da loja)',
        errors: SESSION_ERRORS,
        handle: ({ req }) => staffOf(req).usuario,
      }),
    ),
    access.owner(
      defineRoute({
        ...common,
        method: 'get',
        path: '/equipe/usuarios',
        summary: 'A equipe da loja',
        errors: OWNER_ERRORS,
        handle: async ({ req }) => ({ usuarios: await equipe.list(tenantOf(req)) }),
      }),
    ),
    access.owner(
      defineRoute({
        ...common,
        method: 'post',
        path: '/equipe/usuarios',
        summary: 'Convida alguém para a equipe → o link de convite, mostrado uma vez',
        body: createUsuarioSchema,
        status: 201,
        errors: { ...OWNER_ERRORS, 409: 'E-mail já na equipe' },
        handle: ({ req, body }) => equipe.create(tenantOf(req), body),
      }),
    ),
    access.owner(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/equipe/usuarios/:id',
        summary: 'Muda nome, papel ou ativo; mudar o papel ou desativar encerra as sessões da pessoa',
        params: idParam,
        body: updateUsuarioSchema,
        errors: { ...OWNER_ERRORS, 404: 'Usuário não encontrado', 409: 'Último dono ativo' },
        handle: ({ req, params, body }) => equipe.update(tenantOf(req), params.id, body),
      }),
    ),
    access.owner(
      defineRoute({
        ...common,
        method: 'post',
        path: '/equipe/usuarios/:id/convite',
        summary: 'Um novo link de convite (o anterior deixa de valer): convite perdido ou senha esquecida',
        params: idParam,
        errors: { ...OWNER_ERRORS, 404: 'Usuário não encontrado' },
        handle: ({ req, params }) => equipe.reinvite(tenantOf(req), params.id),
      }),
    ),
  ];
}
