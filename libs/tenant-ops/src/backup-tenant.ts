import path from 'node:path';
import { readSchemaState, type RowDataPacket, type SchemaVersions } from '@helix/db';
import { isLiveTenantStatus, isTenantKey } from '@helix/contracts';
import { writeBackup, readBackupHeader, type BackupHeader, type DumpChoice } from './backup-file';
import type { OpsContext } from './ops-context';
import { provisionFromDump, type ProvisionedTenant } from './provision-from-dump';
import type { TenantRecord } from './tenant-registry';
import { TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

/** `<dir>/<tenant>_<UTC timestamp>.sql`: sorts by time, never collides across runs a second apart. */
export function backupFileName(dir: string, tenantKey: string, at = new Date()): string {
  return path.join(
    dir,
    `${tenantKey}_${at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.sql`,
  );
}

/** A logical dump of the tenant's database only, with per-table checksums; see writeBackup. */
export async function backupTenant(ctx: OpsContext, tenantKey: string, file: string, dumper?: DumpChoice): Promise<BackupHeader> {
  return dumpTenant(ctx, await ctx.registry.require(tenantKey), file, dumper);
}

/** Shared with offboarding, which also backs up tenants already marked deleted. */
export async function dumpTenant(ctx: OpsContext, tenant: TenantRecord, file: string, dumper?: DumpChoice): Promise<BackupHeader> {
  const server = { host: tenant.db_host, port: tenant.db_port };
  const connection = await ctx.servers.pool(server).getConnection();
  let schemaVersion: SchemaVersions;
  try {
    const [found] = await connection.query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [
      tenant.database_name,
    ]);
    if (found.length === 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.DATABASE_NOT_FOUND,
        `O banco ${tenant.database_name} do cliente '${tenant.tenant_key}' não existe no servidor ${server.host}:${server.port}.`,
      );
    }
    schemaVersion = (await readSchemaState(connection, tenant.database_name, ctx.templates[tenant.robo_tipo])).versions;
  } finally {
    connection.release();
  }
  const meta = { tenant_key: tenant.tenant_key, nome: tenant.nome, robo_tipo: tenant.robo_tipo, schema_version: schemaVersion };
  return writeBackup(ctx.servers.credentials(server), tenant.database_name, file, meta, dumper);
}

/**
 * Restores a backup as a tenant that does not exist (any more): under its own key when that key
 * is free or belongs to a deleted tenant, or under `as` (a copy beside the original). It never
 * replaces a live tenant's data: that is refused, so a mistaken restore cannot destroy anything.
 * All or nothing (see provisionFromDump); the restored database is migrated to the latest template.
 */
export async function restoreTenant(ctx: OpsContext, file: string, as?: string): Promise<ProvisionedTenant> {
  const header = await readBackupHeader(file);
  if (!header.tenant_key || !header.robo_tipo) {
    throw new TenantOpsError(
      TenantOpsErrorCode.BACKUP_FILE_INVALID,
      `${file} não é o backup de um cliente (sem chave ou vertical no cabeçalho).`,
    );
  }
  if (as !== undefined && !isTenantKey(as)) {
    throw new TenantOpsError(
      TenantOpsErrorCode.INVALID_TENANT_KEY,
      `Chave inválida '${as}': use a-z, 0-9 e _, 3 a 40 caracteres, começando por letra.`,
    );
  }
  const tenantKey = as ?? header.tenant_key;
  const existing = await ctx.registry.find(tenantKey);
  if (existing && existing.status !== 'deleted') {
    throw new TenantOpsError(
      TenantOpsErrorCode.TENANT_KEY_TAKEN,
      isLiveTenantStatus(existing.status)
        ? `O cliente '${tenantKey}' existe: a restauração nunca substitui um cliente ativo. Use --as <nova_chave> ou remova-o antes (helix tenants delete).`
        : `O cliente '${tenantKey}' está em criação; tente de novo em instantes.`,
    );
  }
  return provisionFromDump(ctx, {
    tenantKey,
    nome: header.nome ?? tenantKey,
    robo: header.robo_tipo,
    dumpFile: file,
    expected: header.tables,
  });
}
