import { defineRoute, tenantKeyParam } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AdminRole } from '../auth/auth.schema';
import { assinaturaIdParam, createAssinaturaSchema, updateAssinaturaSchema } from './assinaturas.schema';
import type { AssinaturasService } from './assinaturas.service';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

export function assinaturasRoutes(assinaturas: AssinaturasService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Assinaturas', security: 'adminJwt' as const };
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: '/tenants/:key/assinaturas',
      summary: 'Nova assinatura pendente e seu checkout do Mercado Pago (checkout_url); ao ser paga, substitui a atual',
      guards: [requireAdmin('admin')],
      params: tenantKeyParam,
      body: createAssinaturaSchema,
      status: 201,
      errors: {
        ...AUTH_ERRORS,
        404: 'Cliente não encontrado',
        422: 'Plano inexistente ou e-mail do pagador ausente',
        502: 'Mercado Pago indisponível',
      },
      handle: ({ params, body, req }) => assinaturas.create(params.key, body, req.admin!.email),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/tenants/:key/assinaturas',
      summary: 'Assinaturas de um cliente, a mais recente primeiro',
      guards: [requireAdmin('viewer')],
      params: tenantKeyParam,
      errors: { ...AUTH_ERRORS, 404: 'Cliente não encontrado' },
      handle: ({ params }) => assinaturas.listByTenant(params.key),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/assinaturas/:id',
      summary: 'Uma assinatura com o histórico de mudanças (quem, o quê, quando)',
      guards: [requireAdmin('viewer')],
      params: assinaturaIdParam,
      errors: { ...AUTH_ERRORS, 404: 'Assinatura não encontrada' },
      handle: ({ params }) => assinaturas.get(params.id),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/assinaturas/:id',
      summary: 'Ativa (opcionalmente até data_fim) ou cancela à mão, p.ex. pagamento fora do Mercado Pago',
      guards: [requireAdmin('admin')],
      params: assinaturaIdParam,
      body: updateAssinaturaSchema,
      errors: {
        ...AUTH_ERRORS,
        404: 'Assinatura não encontrada',
        409: 'Transição não permitida',
        502: 'Mercado Pago não cancelou a cobrança',
      },
      handle: ({ params, body, req }) => assinaturas.update(params.id, body, req.admin!.email),
    }),
  ];
}
