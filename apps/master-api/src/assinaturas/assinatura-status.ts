import type { SubscriptionState, TenantStatus } from '@helix/contracts';

export const ASSINATURA_STATUSES = ['pending', 'active', 'past_due', 'cancelled', 'expired'] as const;
export type AssinaturaStatus = Exclude<SubscriptionState, 'none'>;

/** A subscription serves the tenant while active and before its end date; no job has to expire it. */
export function isSubscriptionActive(row: { status: AssinaturaStatus | null; data_fim: Date | null }, now: Date): boolean {
  return row.status === 'active' && (row.data_fim === null || row.data_fim.getTime() > now.getTime());
}

/**
 * A tenant serves its customers while it is active and its subscription is: the robots' resolution
 * (`assinatura.ativa`) and the storefront's status (`status_loja`) both come from here.
 */
export function isTenantServing(
  tenantStatus: TenantStatus,
  assinatura: { status: AssinaturaStatus; data_fim: Date | null } | null,
  now: Date,
): boolean {
  return tenantStatus === 'active' && assinatura !== null && isSubscriptionActive(assinatura, now);
}

/** What the stored status means today: an active one past its end date is expired. */
export function effectiveStatus(row: { status: AssinaturaStatus; data_fim: Date | null }, now: Date): AssinaturaStatus {
  return row.status === 'active' && !isSubscriptionActive(row, now) ? 'expired' : row.status;
}

/** Allowed transitions; cancelled and expired are final (a new subscription starts over). */
const NEXT: Record<AssinaturaStatus, readonly AssinaturaStatus[]> = {
  pending: ['active', 'cancelled', 'expired'],
  active: ['past_due', 'cancelled', 'expired'],
  past_due: ['active', 'cancelled', 'expired'],
  cancelled: [],
  expired: [],
};

export const canTransition = (from: AssinaturaStatus, to: AssinaturaStatus): boolean => NEXT[from].includes(to);

/**
 * The subscription that governs a tenant (`t`): the active one, else the latest. Shared by the
 * resolve answer, usage limits and analytics so they always agree on the plan in force. Two index
 * lookups (at most one active per tenant: uq_assinaturas_uma_ativa), not a sort per tenant.
 */
export const CURRENT_ASSINATURA_ID_SQL = `COALESCE(
  (SELECT a2.id FROM assinaturas a2 WHERE a2.ativa_tenant_id = t.id),
  (SELECT MAX(a3.id) FROM assinaturas a3 WHERE a3.tenant_id = t.id))`;
