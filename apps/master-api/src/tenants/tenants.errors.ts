import { DomainError } from '@helix/contracts';

export type TenantsError = DomainError<'tenants', 'TENANT_NOT_FOUND'>;

/** No live tenant answers to `name` (a key, or a robot's custom domain). */
export const tenantNotFound = (name: string): TenantsError =>
  new DomainError('tenants', 'TENANT_NOT_FOUND', `Cliente '${name}' não encontrado.`);
