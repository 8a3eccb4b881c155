export { gatewayUserName, tenantDatabaseName, tenantUserName } from './tenant-names';
export { gatewayPassword, tenantAccess, tenantRoleName } from './tenant-access';
export type { TenantAccess, TenantAccessSource } from './tenant-access';
export { TenantDatabaseAdmin } from './tenant-database-admin';
export type { TenantPrincipal } from './tenant-database-admin';
export { loadTenantTemplates } from './templates';
export type { TemplateSeries, TenantTemplates } from './templates';
export { BASE_SERIES } from './single-series-split';
