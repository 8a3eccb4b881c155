export { TenantOpsError, TenantOpsErrorCode, errorMessage } from './tenant-ops.error';
export { createOpsContext } from './ops-context';
export type { OpsContext } from './ops-context';
export { TenantRegistry, TENANT_STATUSES, LIVE_STATUSES } from './tenant-registry';
export type { TenantRecord, TenantStatus, TenantFilter } from './tenant-registry';
export { migrateTenants, migrationStatus } from './migrate-tenants';
export type { MigrateOptions, MigrateReport, MigrationStatus, TenantMigrationOutcome, TenantFailure } from './migrate-tenants';
