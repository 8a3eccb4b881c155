import type { RowDataPacket } from '@helix/db';
import { dumpTenant } from './backup-tenant';
import type { DumpChoice } from './backup-file';
import type { OpsContext } from './ops-context';
import { TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

export interface OffboardedTenant {
  tenant_key: string;
  database_name: string;
  /** The backup taken first; null when a previous run already dropped the database. */
  backup: string | null;
}

/**
 * Offboarding: a backup first (nothing is dropped if it fails), then the registry row is marked
 * `deleted` (robots stop resolving the tenant and its credentials are forgotten), then its
 * principal and database are dropped. Resumable rather than all or nothing (a dropped database
 * cannot come back but from the backup): every step is idempotent, the row is marked before
 * anything is dropped, and rerunning on a tenant already marked deleted backs up whatever is
 * still there and finishes the drops.
 */
export async function offboardTenant(
  ctx: OpsContext,
  tenantKey: string,
  backupFile: string,
  dumper?: DumpChoice,
): Promise<OffboardedTenant> {
  const tenant = await ctx.registry.find(tenantKey);
  if (!tenant || tenant.status === 'provisioning') {
    throw new TenantOpsError(TenantOpsErrorCode.TENANT_NOT_FOUND, `Cliente '${tenantKey}' não encontrado.`);
  }
  const server = { host: tenant.db_host, port: tenant.db_port };
  const admin = ctx.servers.admin(server);
  const [found] = await ctx.servers
    .pool(server)
    .query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [tenant.database_name]);
  const backup = found.length > 0 ? (await dumpTenant(ctx, tenant, backupFile, dumper), backupFile) : null;
  await ctx.registry.markDeleted(tenant.id);
  await admin.dropPrincipal(tenant.db_user, ctx.userHost, tenant.database_name, tenant.robo_tipo);
  await admin.dropDatabase(tenant.database_name);
  return { tenant_key: tenantKey, database_name: tenant.database_name, backup };
}
