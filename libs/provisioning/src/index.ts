export { ROBO_TIPOS, tenantDatabaseName, tenantUserName } from './tenant-names';
export type { RoboTipo } from './tenant-names';
export { catalogueReaderOf, tenantAccess, tenantRoleName } from './tenant-access';
export type { CatalogueReader, TenantAccess, TenantAccessSource } from './tenant-access';
export { CATALOGUE_TABLES } from './catalogue-tables';
export { TenantDatabaseAdmin } from './tenant-database-admin';
export type { TenantPrincipal } from './tenant-database-admin';
export { loadTenantTemplates } from './templates';
