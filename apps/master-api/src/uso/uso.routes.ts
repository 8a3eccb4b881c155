import { defineRoute, tenantKeyParam } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AdminRole } from '../auth/auth.schema';
import { callerVertical } from '../internal/caller-vertical';
import { listAlertasQuery, mesQuery, usageBatchSchema } from './uso.schema';
import type { UsoService } from './uso.service';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

export function usoRoutes(uso: UsoService, requireAdmin: (role: AdminRole) => RequestHandler, requireRobot: RequestHandler) {
  return [
    defineRoute({
      method: 'post',
      path: '/internal/uso',
      tag: 'Interno',
      summary:
        'Recebe um lote de eventos de uso de um robô, só de clientes do seu tipo: cada id conta uma única vez (contrato UsageBatchV1)',
      security: 'serviceToken',
      guards: [requireRobot],
      body: usageBatchSchema,
      errors: { 401: 'Token de serviço inválido', 403: 'Token de serviço que não é de um robô', 413: 'Lote grande demais' },
      handle: ({ body, req }) => uso.ingest(body.eventos, callerVertical(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/tenants/:key/uso',
      tag: 'Uso',
      summary: 'Uso do mês (padrão: o atual) com limites do plano e percentuais',
      security: 'adminJwt',
      guards: [requireAdmin('viewer')],
      params: tenantKeyParam,
      query: mesQuery,
      errors: { ...AUTH_ERRORS, 404: 'Cliente não encontrado' },
      handle: ({ params, query }) => uso.month(params.key, query.mes),
    }),
    defineRoute({
      method: 'get',
      path: '/uso/alertas',
      tag: 'Uso',
      summary: 'Clientes que passaram de 80 % ou 100 % de um limite no mês (um registro por limiar)',
      security: 'adminJwt',
      guards: [requireAdmin('viewer')],
      query: listAlertasQuery,
      errors: AUTH_ERRORS,
      handle: ({ query }) => uso.alertas(query),
    }),
  ];
}
