import { defineRoute, tenantKeyParam } from '@helix/http';
import type { RequestHandler } from 'express';
import { callerVertical } from '../internal/caller-vertical';
import { tenantLookup } from '../internal/tenant-lookup.schema';
import { lojaLookPatch } from './lojas.schema';
import type { LojasService } from './lojas.service';

export function lojasRoutes(lojas: LojasService, requireWeb: RequestHandler, requireRobot: RequestHandler) {
  const common = { tag: 'Interno', security: 'serviceToken' as const };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/internal/lojas',
      summary:
        'Fatos públicos de uma loja (chave ou domínio) para o serviço web: nome, tipo, aberta ou indisponível, logo e cor (LojaPublicaV1)',
      guards: [requireWeb],
      query: tenantLookup,
      errors: { 401: 'Token de serviço inválido', 403: 'Token de serviço que não é o do serviço web', 404: 'Loja não encontrada' },
      handle: ({ query }) => lojas.find(query),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/internal/tenants/:key/loja',
      summary: 'Aparência da loja (nome, logo_url, cor_primaria) alterada pelo dono, repassada pelo robô do tipo do cliente',
      guards: [requireRobot],
      params: tenantKeyParam,
      body: lojaLookPatch,
      errors: {
        401: 'Token de serviço inválido',
        403: 'Token de serviço que não é de um robô',
        404: 'Cliente não encontrado (ou de outro tipo)',
      },
      handle: ({ params, body, req }) => lojas.updateLook(params.key, callerVertical(req), body),
    }),
  ];
}
