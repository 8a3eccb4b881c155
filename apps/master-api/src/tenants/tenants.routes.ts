import { defineRoute, tenantKeyParam } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AssinaturasService } from '../assinaturas/assinaturas.service';
import type { AdminRole } from '../auth/auth.schema';
import { createTenantSchema, listTenantsQuery, updateTenantSchema } from './tenants.schema';
import type { TenantsService } from './tenants.service';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

export function tenantsRoutes(tenants: TenantsService, assinaturas: AssinaturasService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Clientes', security: 'adminJwt' as const };
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: '/tenants',
      summary: 'Onboarding completo: registro, banco isolado, principal MySQL, chave de API e assinatura pendente com checkout',
      guards: [requireAdmin('admin')],
      body: createTenantSchema,
      status: 201,
      errors: {
        ...AUTH_ERRORS,
        409: 'Chave, domínio ou banco já existe',
        422: 'Plano inexistente',
        500: 'Falha numa etapa (nada foi criado)',
      },
      handle: async ({ body }) => assinaturas.withCheckout(await tenants.create(body), body.email_pagador),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/tenants',
      summary: 'Lista clientes (busca por chave ou nome; filtros robo_tipo, status; paginado)',
      guards: [requireAdmin('viewer')],
      query: listTenantsQuery,
      errors: AUTH_ERRORS,
      handle: ({ query }) => tenants.list(query),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/tenants/:key',
      summary: 'Um cliente',
      guards: [requireAdmin('viewer')],
      params: tenantKeyParam,
      errors: { ...AUTH_ERRORS, 404: 'Cliente não encontrado' },
      handle: ({ params }) => tenants.get(params.key),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/tenants/:key',
      summary: 'Altera nome, domínio, status (active | suspended) ou a aparência da loja (logo_url, cor_primaria)',
      guards: [requireAdmin('admin')],
      params: tenantKeyParam,
      body: updateTenantSchema,
      errors: { ...AUTH_ERRORS, 404: 'Cliente não encontrado', 409: 'Domínio já usado' },
      handle: ({ params, body }) => tenants.update(params.key, body),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/tenants/:key/api-keys',
      summary: 'Gera uma nova chave de API (a anterior deixa de valer)',
      guards: [requireAdmin('admin')],
      params: tenantKeyParam,
      status: 201,
      errors: { ...AUTH_ERRORS, 404: 'Cliente não encontrado' },
      handle: ({ params }) => tenants.rotateApiKey(params.key),
    }),
  ];
}
