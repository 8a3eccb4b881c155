import type { RequestKind } from '@helix/contracts';
import type { RouteSpec } from '@helix/http';
import { allowCatalogueReader, firstPathSegment } from '@helix/tenant-context';
import type { RequestHandler } from 'express';
import type { StaffGuards } from './equipe/staff-session.guard';

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
  /** The tenant's back office: `Authorization: Bearer <API key>`, or a session of the store's staff. */
  apiKey<R extends RouteSpec>(spec: R): R;
  /** The AI seller: the API key (or a staff session), and the plan's chat rate. */
  chat<R extends RouteSpec>(spec: R): R;
  /** Staff signing in (login, accepting an invite): the tenant alone, at the back office's rate. */
  staffLogin<R extends RouteSpec>(spec: R): R;
  /** A session of the store's staff, any role (not the API key: these routes are about the person). */
  staff<R extends RouteSpec>(spec: R): R;
  /** A session of one of the store's owners. */
  owner<R extends RouteSpec>(spec: R): R;
  /** Opening a store visitor's session: the tenant alone (no key, no session), at the plan's chat rate. */
  newVisitor<R extends RouteSpec>(spec: R): R;
  /** A store visitor (the storefront's chat and bookings): its session token for this tenant, at the plan's chat rate. */
  visitor<R extends RouteSpec>(spec: R): R;
}

/**
 * Guards in the order that keeps refusals cheap: tenant (cached resolution), API key (a hash
 * compare), the plan's rate for the kind of request; only then the body and the database.
 */
export function robotAccess(
  tenantGuard: RequestHandler,
  admit: (kind: RequestKind) => RequestHandler,
  storefrontCache: RequestHandler,
  visitorSession: RequestHandler,
  staff: StaffGuards,
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
      guards: [tenantGuard, staff.apiKeyOrStaff, admit(kind), ...(spec.guards ?? [])],
      errors: { 401: 'Sem chave de API nem sessão da equipe válida', ...TENANT_ERRORS, ...spec.errors },
    });
  const withStaff =
    (session: RequestHandler) =>
    <R extends RouteSpec>(spec: R): R => ({
      ...checked(spec, 'gestao'),
      security: 'staffSession',
      guards: [tenantGuard, session, admit('gestao'), ...(spec.guards ?? [])],
      errors: { ...TENANT_ERRORS, ...spec.errors },
    });
  return {
    storefront: (spec) => ({
      ...checked(spec, 'vitrine'),
      guards: [tenantGuard, admit('vitrine'), allowCatalogueReader, storefrontCache, ...(spec.guards ?? [])],
      errors: { ...TENANT_ERRORS, ...spec.errors },
    }),
    apiKey: withApiKey('gestao'),
    chat: withApiKey('chat'),
    // A visitor's every request is the AI seller's business: one kind, so /visitante's routes never disagree.
    newVisitor: (spec) => ({
      ...checked(spec, 'chat'),
      guards: [tenantGuard, admit('chat'), ...(spec.guards ?? [])],
      errors: { ...TENANT_ERRORS, ...spec.errors },
    }),
    visitor: (spec) => ({
      ...checked(spec, 'chat'),
      security: 'visitorSession',
      guards: [tenantGuard, visitorSession, admit('chat'), ...(spec.guards ?? [])],
      errors: { 401: 'Sem sessão de visitante, ou sessão inválida, expirada ou de outra loja', ...TENANT_ERRORS, ...spec.errors },
    }),
    staffLogin: (spec) => ({
      ...checked(spec, 'gestao'),
      guards: [tenantGuard, admit('gestao'), ...(spec.guards ?? [])],
      errors: { ...TENANT_ERRORS, ...spec.errors },
    }),
    staff: withStaff(staff.staff),
    owner: withStaff(staff.owner),
  };
}
