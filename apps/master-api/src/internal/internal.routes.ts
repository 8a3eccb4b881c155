import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { RESOLVE_BATCH_MAX_LOOKUPS, type TenantResolutionBatchResultV1 } from '@helix/contracts';
import { callerVertical } from './caller-vertical';
import { UNAVAILABLE, type ResolveService } from './resolve.service';
import { tenantLookup } from './tenant-lookup.schema';

const resolveBatch = z.strictObject({ lookups: z.array(tenantLookup).min(1).max(RESOLVE_BATCH_MAX_LOOKUPS) });

export function internalRoutes(resolve: ResolveService, requireRobot: RequestHandler) {
  return [
    defineRoute({
      method: 'get',
      path: '/internal/tenants/resolve',
      tag: 'Interno',
      summary: 'Resolve um cliente do robô que chama (chave ou domínio): banco, assinatura, limites e uso do mês (contrato v1)',
      security: 'serviceToken',
      guards: [requireRobot],
      query: tenantLookup,
      errors: {
        401: 'Token de serviço inválido',
        403: 'Token de serviço que não é de um robô',
        404: 'Cliente não encontrado',
        503: 'Cliente existe, mas não pode ser resolvido agora',
      },
      // Credentials travel in the answer: no-store, as on every answer but the public catalogue's.
      handle: ({ query, req }) => resolve.resolve(query, callerVertical(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/internal/tenants/resolve',
      tag: 'Interno',
      summary: `Resolve até ${RESOLVE_BATCH_MAX_LOOKUPS} clientes numa chamada, na ordem pedida (null: não encontrado) — como os robôs mantêm o cache atualizado`,
      security: 'serviceToken',
      guards: [requireRobot],
      body: resolveBatch,
      errors: { 401: 'Token de serviço inválido', 403: 'Token de serviço que não é de um robô' },
      handle: async ({ body, req }): Promise<TenantResolutionBatchResultV1> => {
        const resolved = await resolve.resolveMany(body.lookups, callerVertical(req));
        const unavailable = resolved.flatMap((result, index) => (result === UNAVAILABLE ? [index] : []));
        const results = resolved.map((result) => (result === UNAVAILABLE ? null : result));
        return unavailable.length ? { version: 1, results, unavailable } : { version: 1, results };
      },
    }),
  ];
}
