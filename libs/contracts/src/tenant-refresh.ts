/**
 * Why a robot instance is told to re-read a tenant (`POST /internal/tenants/:key/refresh?motivo=`):
 * `movimentacao` (a move: new writes wait while it asks the master, and it answers once the writes or
 * requests that started before are done), `alteracao` (an admin or a payment changed the tenant: it
 * only re-reads, serving writes meanwhile).
 */
export const TENANT_REFRESH_REASONS = ['movimentacao', 'alteracao'] as const;
export type TenantRefreshReason = (typeof TENANT_REFRESH_REASONS)[number];
