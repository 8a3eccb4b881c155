export { identifyTenant } from './identify';
export type { TenantLookup } from './identify';
export { MasterClient, MasterUnavailableError } from './master-client';
export { TenantResolver } from './tenant-resolver';
export type { ResolverOptions } from './tenant-resolver';
export { TenantConnectionManager, TenantDbError } from './connection-manager';
export type { TenantDb, BindableTenant, ConnectionManagerOptions, ServerStats } from './connection-manager';
