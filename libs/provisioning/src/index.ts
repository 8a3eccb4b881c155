export { ROBO_TIPOS, gatewayUserName, tenantDatabaseName, tenantUserName } from './tenant-names';
export type { RoboTipo } from './tenant-names';
export { gatewayPassword, tenantAccess, tenantRoleName } from './tenant-access';
export type { TenantAccess, TenantAccessSource } from './tenant-access';
export { TenantDatabaseAdmin } from './tenant-database-admin';
export type { TenantPrincipal } from './tenant-database-admin';
export { loadTenantTemplates } from './templates';
