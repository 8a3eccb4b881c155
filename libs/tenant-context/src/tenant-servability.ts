import type { TenantResolutionV1 } from '@helix/contracts';
import { AppError } from '@helix/http';

/** The robot answers only for tenants of its own vertical; another vertical's tenant does not exist here. */
export const isTenantOfVertical = (resolution: TenantResolutionV1, vertical: string): boolean => resolution.tenant.robo_tipo === vertical;

/** Served only while active and paid; the master computes `ativa` by date, so no job has to expire it. */
export const isTenantServable = (resolution: TenantResolutionV1): boolean =>
  resolution.tenant.status === 'active' && resolution.assinatura.ativa;

export function assertTenantServable(resolution: TenantResolutionV1, vertical: string): void {
  if (!isTenantOfVertical(resolution, vertical)) {
    throw new AppError(404, 'TENANT_NOT_FOUND', `Cliente '${resolution.tenant.tenant_key}' não encontrado`);
  }
  if (!isTenantServable(resolution)) {
    throw new AppError(403, 'SUBSCRIPTION_INACTIVE', 'Assinatura inativa. Entre em contato com o suporte.');
  }
}
