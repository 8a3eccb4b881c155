import { domainErrorClass } from '@helix/contracts';

/** Stable codes of what a robot request is refused for around its handler: identify, resolve, admit, the API key, the quota. */
export type TenantContextErrorCode =
  | 'INVALID_TENANT_KEY'
  | 'TENANT_REQUIRED'
  | 'INVALID_HOST'
  | 'TENANT_NOT_FOUND'
  | 'SUBSCRIPTION_INACTIVE'
  | 'MASTER_UNAVAILABLE'
  | 'TENANT_WRITES_FROZEN'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'API_KEY_REQUIRED'
  | 'API_KEY_FORBIDDEN';

export const TenantContextError = domainErrorClass<'tenant-context', TenantContextErrorCode>('tenant-context', 'TenantContextError');
export type TenantContextError = InstanceType<typeof TenantContextError>;

/** No tenant this robot serves answers to `name` (unknown, reserved, or of another vertical). */
export const tenantNotFound = (name: string) => new TenantContextError('TENANT_NOT_FOUND', `Cliente '${name}' não encontrado`);
