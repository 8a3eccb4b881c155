import type { RequestKind } from '@helix/contracts';
import type { RouteSpec } from '@helix/http';
import { allowCatalogueReader, firstPathSegment, requireTenantApiKey } from '@helix/tenant-context';
import type { RequestHandler } from 'express';

const TENANT_ERRORS = {
  400: 'Cliente não identificado (X-Tenant-Key ou Host malformado)',
  403: 'Assinatura inativa ou chave de API de outro cliente',
  404: 'Cliente (ou recurso) não encontrado',
  429: 'Acima da taxa de requisições do plano, ou de consultas a clientes inexistentes (Retry-After)',
  503: 'Master indisponível e cliente desconhecido',
};

/** How a robot route is reached: every route runs for one tenant; most also need its API key. */
export interface RobotAccess {
  /** The storefront: catalogue reads, open to any visitor of the tenant; the only routes whose reads may take the catalogue reader. */
  storefront<R extends RouteSpec>(spec: R): R;
  /** The tenant's back office: `Authorization: Bearer <API key>`. */
  apiKey<R extends RouteSpec>(spec: R): R;
  /** The AI seller: the API key, and the plan's chat rate. */
  chat<R extends RouteSpec>(spec: R): R;
}

/**
 * Guards in the order that keeps refusals cheap: tenant (cached resolution), API key (a hash
 * compare), the plan's rate for the kind of request; only then the body and the database.
 */
export function robotAccess(
  tenantGuard: RequestHandler,
  admit: (kind: RequestKind) => RequestHandler,
  storefrontCache: RequestHandler,
): RobotAccess {
  const kindOf = new Map<string, RequestKind>();
  /**
   * Early refusals tell a request's kind by its method and first path segment (RecentRefusals):
   * two routes sharing both must be of one kind.
   */
  const checked = <R extends RouteSpec>(spec: R, kind: RequestKind): R => {
    const signature = `${spec.method.toUpperCase()} /${firstPathSegment(spec.path)}`;
    const known = kindOf.get(signature);
    if (known && known !== kind) throw new Error(`${signature} serves both ${known} and ${kind} routes: give one of them another path`);
    kindOf.set(signature, kind);
    return spec;
  };
  const withApiKey =
    (kind: RequestKind) =>
    <R extends RouteSpec>(spec: R): R => ({
      ...checked(spec, kind),
      security: 'tenantApiKey',
      guards: [tenantGuard, requireTenantApiKey, admit(kind), ...(spec.guards ?? [])],
      errors: { 401: 'Sem chave de API', ...TENANT_ERRORS, ...spec.errors },
    });
  return {
    storefront: (spec) => ({
      ...checked(spec, 'vitrine'),
      guards: [tenantGuard, admit('vitrine'), allowCatalogueReader, storefrontCache, ...(spec.guards ?? [])],
      errors: { ...TENANT_ERRORS, ...spec.errors },
    }),
    apiKey: withApiKey('gestao'),
    chat: withApiKey('chat'),
  };
}
