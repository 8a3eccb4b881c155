/** A tenant's life in the master's registry: reserved while onboarding, then live, until offboarded. */
export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/**
 * Tenants that exist for admins, operations and robots: provisioning ones belong to onboarding,
 * deleted ones have no database. The only statuses an admin may set.
 */
export const LIVE_TENANT_STATUSES = ['active', 'suspended'] as const satisfies readonly TenantStatus[];
export type LiveTenantStatus = (typeof LIVE_TENANT_STATUSES)[number];

export const isLiveTenantStatus = (status: TenantStatus): status is LiveTenantStatus =>
  (LIVE_TENANT_STATUSES as readonly string[]).includes(status);
