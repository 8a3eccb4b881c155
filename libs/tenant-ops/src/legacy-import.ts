import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isTenantKey, type RobotVertical } from '@helix/contracts';
import {
  baselineDatabase,
  isSafeIdentifier,
  migrateDatabase,
  quoteCatalogName,
  quoteIdentifier,
  type MigrationPlan,
  type PoolConnection,
  type RowDataPacket,
} from '@helix/db';
import { writeBackup } from './backup-file';
import { compareWithTemplate, LEGACY_LAYOUT_TABLES } from './legacy-layout';
import type { OpsContext } from './ops-context';
import { provisionFromDump, type ProvisionedTenant } from './provision-from-dump';
import { describeTables } from './table-shapes';
import { TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

export interface LegacyImport {
  database: string;
  tenantKey: string;
  robo: RobotVertical;
  nome?: string;
}

export interface ImportedTenant extends ProvisionedTenant {
  source_database: string;
  /** Template tables the legacy database lacked, created empty. */
  created_tables: string[];
  /** Tables and columns the template does not know, kept as they were. */
  extras: string[];
}

/** Where a legacy database is adopted once its tables check out: version 1 of the base and of the vertical (the seed's tables and the outbox). */
const legacyBaseline = (template: MigrationPlan): MigrationPlan => ({
  ...template,
  migrations: template.migrations.filter((m) => m.version === 1),
});

/**
 * Adopts a single-tenant database in the seed's layout, on the TENANT_DB_URL server. Its tables
 * are checked against version 1 of the template's series (built in a scratch database); a copy is
 * then made under the tenant's name (dump under a short write freeze, load, checksums compared),
 * completed with the template tables it lacks, recorded at version 1 and migrated to the latest,
 * and the tenant gets its principal and registry row. All or nothing (see provisionFromDump), and
 * the legacy database itself is never modified: drop it once the new tenant is confirmed.
 */
export async function importLegacy(ctx: OpsContext, request: LegacyImport): Promise<ImportedTenant> {
  if (!isTenantKey(request.tenantKey)) {
    throw new TenantOpsError(
      TenantOpsErrorCode.INVALID_TENANT_KEY,
      `Chave inválida '${request.tenantKey}': use a-z, 0-9 e _, 3 a 40 caracteres, começando por letra.`,
    );
  }
  if (!isSafeIdentifier(request.database)) {
    throw new TenantOpsError(
      TenantOpsErrorCode.DATABASE_NOT_FOUND,
      `Nome de banco inválido '${request.database}': apenas a-z, 0-9 e _, começando por letra.`,
    );
  }
  if (!LEGACY_LAYOUT_TABLES[request.robo]) {
    throw new TenantOpsError(TenantOpsErrorCode.LEGACY_SCHEMA_MISMATCH, `Não há layout legado conhecido para o robô '${request.robo}'.`);
  }
  const server = ctx.servers.home;
  const pool = ctx.servers.pool(server);
  const reference = `${ctx.prefix}hxref_${randomBytes(6).toString('hex')}`;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'helix-import-'));
  const connection = await pool.getConnection();
  try {
    const [found] = await connection.query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [
      request.database,
    ]);
    if (found.length === 0)
      throw new TenantOpsError(
        TenantOpsErrorCode.DATABASE_NOT_FOUND,
        `O banco ${request.database} não existe em ${server.host}:${server.port}.`,
      );

    await connection.query(`CREATE DATABASE ${quoteIdentifier(reference)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await migrateDatabase(connection, reference, legacyBaseline(ctx.templates[request.robo]));
    const comparison = compareWithTemplate(
      request.robo,
      await describeTables(connection, reference),
      await describeTables(connection, request.database),
    );
    if (comparison.problems.length > 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.LEGACY_SCHEMA_MISMATCH,
        `${request.database} não segue o layout esperado: ${comparison.problems.join('; ')}.`,
        {
          problemas: comparison.problems,
        },
      );
    }

    const dumpFile = path.join(workDir, 'legacy.sql');
    const header = await writeBackup(ctx.servers.credentials(server), request.database, dumpFile, {
      tenant_key: request.tenantKey,
      nome: request.nome ?? request.tenantKey,
      robo_tipo: request.robo,
      schema_version: {},
    });
    const imported = await provisionFromDump(ctx, {
      tenantKey: request.tenantKey,
      nome: request.nome ?? request.tenantKey,
      robo: request.robo,
      dumpFile,
      expected: header.tables,
      adopt: async (target, database) => {
        await createFromReference(target, reference, database, comparison.missingTables);
        await baselineDatabase(target, database, legacyBaseline(ctx.templates[request.robo]));
      },
    });
    return { ...imported, source_database: request.database, created_tables: comparison.missingTables, extras: comparison.extras };
  } finally {
    await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(reference)}`).catch(() => undefined);
    connection.release();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The template's own definition of each table (SHOW CREATE TABLE of the scratch copy). */
async function createFromReference(connection: PoolConnection, reference: string, database: string, tables: string[]): Promise<void> {
  await connection.query(`USE ${quoteIdentifier(database)}`);
  for (const table of tables) {
    const [[create]] = await connection.query<RowDataPacket[]>(
      `SHOW CREATE TABLE ${quoteIdentifier(reference)}.${quoteCatalogName(table)}`,
    );
    await connection.query(create['Create Table']);
  }
}
