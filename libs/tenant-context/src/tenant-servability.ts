import type { TenantResolutionV1 } from '@helix/contracts';
import { TenantContextError, tenantNotFound } from './tenant-context.error';

/** The robot answers only for tenants of its own vertical; another vertical's tenant does not exist here. */
export const isTenantOfVertical = (resolution: TenantResolutionV1, vertical: string): boolean => resolution.tenant.robo_tipo === vertical;

/** Served only while active and paid; the master computes `ativa` by date, so no job has to expire it. */
export const isTenantServable = (resolution: TenantResolutionV1): boolean =>
  resolution.tenant.status === 'active' && resolution.assinatura.ativa;

export function assertTenantServable(resolution: TenantResolutionV1, vertical: string): void {
  if (!isTenantOfVertical(resolution, vertical)) {
    throw tenantNotFound(resolution.tenant.tenant_key);
  }
  if (!isTenantServable(resolution)) {
    throw new TenantContextError('SUBSCRIPTION_INACTIVE', 'Assinatura inativa. Entre em contato com o suporte.');
  }
}
