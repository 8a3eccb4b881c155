import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AdminRole } from '../auth/auth.schema';
import { createPlanoSchema, listPlanosQuery, planoIdParam, updatePlanoSchema } from './planos.schema';
import type { PlanosService } from './planos.service';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

export function planosRoutes(planos: PlanosService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Planos', security: 'adminJwt' as const };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/planos',
      summary: 'Lista planos (filtro ativo)',
      guards: [requireAdmin('viewer')],
      query: listPlanosQuery,
      errors: AUTH_ERRORS,
      handle: ({ query }) => planos.list(query.ativo),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/planos',
      summary: 'Cria um plano (preço em centavos de BRL)',
      guards: [requireAdmin('admin')],
      body: createPlanoSchema,
      status: 201,
      errors: { ...AUTH_ERRORS, 409: 'Nome já usado' },
      handle: ({ body }) => planos.create(body),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/planos/:id',
      summary: 'Um plano',
      guards: [requireAdmin('viewer')],
      params: planoIdParam,
      errors: { ...AUTH_ERRORS, 404: 'Plano não encontrado' },
      handle: ({ params }) => planos.get(params.id),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/planos/:id',
      summary: 'Altera um plano; novos limites valem na hora para quem o assina',
      guards: [requireAdmin('admin')],
      params: planoIdParam,
      body: updatePlanoSchema,
      errors: { ...AUTH_ERRORS, 404: 'Plano não encontrado', 409: 'Nome já usado' },
      handle: ({ params, body }) => planos.update(params.id, body),
    }),
    defineRoute({
      ...common,
      method: 'delete',
      path: '/planos/:id',
      summary: 'Exclui um plano sem assinaturas (um plano em uso só pode ser desativado)',
      guards: [requireAdmin('admin')],
      params: planoIdParam,
      status: 204,
      errors: { ...AUTH_ERRORS, 404: 'Plano não encontrado', 409: 'Plano em uso' },
      handle: ({ params }) => planos.remove(params.id),
    }),
  ];
}
