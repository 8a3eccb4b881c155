import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AdminRole } from '../auth/auth.schema';
import { usageAnalyticsQuery } from './analytics.schema';
import type { AnalyticsService } from './analytics.service';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

export function analyticsRoutes(analytics: AnalyticsService, requireAdmin: (role: AdminRole) => RequestHandler) {
  const common = { tag: 'Analytics', security: 'adminJwt' as const, guards: [requireAdmin('viewer')], errors: AUTH_ERRORS };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/analytics/uso',
      summary: 'Uso do mês: totais, por robo_tipo, maiores clientes e por cliente (paginado)',
      query: usageAnalyticsQuery,
      handle: ({ query }) => analytics.usage(query),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/analytics/resumo',
      summary: 'Clientes por status e vertical, assinaturas e receita mensal recorrente (centavos)',
      handle: () => analytics.resumo(),
    }),
  ];
}
