import type { RouteSpec } from '@helix/http';
import { requireTenantApiKey } from '@helix/tenant-context';
import type { RequestHandler } from 'express';

const TENANT_ERRORS = {
  400: 'Cliente não identificado (X-Tenant-Key ou Host malformado)',
  403: 'Assinatura inativa ou chave de API de outro cliente',
  404: 'Cliente (ou recurso) não encontrado',
  503: 'Master indisponível e cliente desconhecido',
};

/** How a robot route is reached: every route runs for one tenant; most also need its API key. */
export interface RobotAccess {
  /** The storefront: catalogue reads, open to any visitor of the tenant. */
  storefront<R extends RouteSpec>(spec: R): R;
  /** The tenant's back office and chat: `Authorization: Bearer <API key>`. */
  apiKey<R extends RouteSpec>(spec: R): R;
}

export function robotAccess(tenantGuard: RequestHandler): RobotAccess {
  return {
    storefront: (spec) => ({ ...spec, guards: [tenantGuard, ...(spec.guards ?? [])], errors: { ...TENANT_ERRORS, ...spec.errors } }),
    apiKey: (spec) => ({
      ...spec,
      security: 'tenantApiKey',
      guards: [tenantGuard, requireTenantApiKey, ...(spec.guards ?? [])],
      errors: { 401: 'Sem chave de API', ...TENANT_ERRORS, ...spec.errors },
    }),
  };
}
