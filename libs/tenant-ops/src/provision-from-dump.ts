import type { RobotVertical } from '@helix/contracts';
import { migrateDatabase, type PoolConnection, type SchemaVersions } from '@helix/db';
import { tenantAccess, tenantDatabaseName, tenantUserName } from '@helix/provisioning';
import { generateApiKey, generatePassword } from '@helix/secrets';
import { loadDump } from './dump-loader';
import { placementFor } from './placement';
import type { OpsContext } from './ops-context';
import { checksumDifferences, tableChecksums, type TableChecksums } from './table-checksums';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

/** The steps, in order; each one's work is undone if a later one fails. */
export const PROVISION_STEPS = ['registro', 'banco', 'carga', 'verificacao', 'schema', 'principal', 'ativacao'] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

export interface ProvisionFromDump {
  tenantKey: string;
  nome: string;
  robo: RobotVertical;
  dumpFile: string;
  /** Per-table checksums the loaded database must match before anything else happens. */
  expected: TableChecksums;
  /** Runs on the verified copy before the template migrations (legacy import: baseline it). */
  adopt?: (connection: PoolConnection, database: string) => Promise<void>;
}

export interface ProvisionedTenant {
  tenant_key: string;
  database_name: string;
  /** The version reached in each series of the template. */
  schema_version: SchemaVersions;
  /** Shown once: only its hash is stored. */
  api_key: string;
  tables: number;
  /** The server it was placed on (`host:port`). */
  servidor: string;
}

/**
 * A new tenant whose database is loaded from a dump (restore, legacy import). All or nothing:
 * the registry row stays `provisioning` (robots cannot resolve it) while the database is created
 * under its final name, loaded, verified against the dump's checksums and migrated to the latest
 * template; only then do the principal and the activation follow. Any failure undoes what this
 * call created, in reverse; a crash leaves a `provisioning` row that master-api's recovery removes
 * together with its database and principal.
 */
export async function provisionFromDump(ctx: OpsContext, request: ProvisionFromDump): Promise<ProvisionedTenant> {
  // Placed like any new tenant: the active server with the most free places that answers.
  const server = await placementFor(ctx).choose();
  const admin = ctx.servers.admin(server);
  const database = tenantDatabaseName(ctx.prefix, request.robo, request.tenantKey);
  const principal = { user: tenantUserName(ctx.prefix, database), host: ctx.userHost, password: generatePassword() };
  const undo: (() => Promise<void>)[] = [];
  let step: ProvisionStep = 'registro';
  try {
    const reservation = await ctx.registry.reserve({
      tenant_key: request.tenantKey,
      nome: request.nome,
      robo_tipo: request.robo,
      database_name: database,
      db_host: server.host,
      db_port: server.port,
      db_user: principal.user,
    });
    undo.push(reservation.release);

    step = 'banco';
    await createDatabase(ctx, database);
    undo.push(() => admin.dropDatabase(database));

    step = 'carga';
    await loadDump(ctx.servers.credentials(server), database, request.dumpFile);

    let schemaVersion: SchemaVersions;
    const connection = await ctx.servers.pool(server).getConnection();
    try {
      step = 'verificacao';
      const differences = checksumDifferences(request.expected, await tableChecksums(connection, database));
      if (differences.length > 0) {
        throw new TenantOpsError(
          TenantOpsErrorCode.CHECKSUM_MISMATCH,
          `O conteúdo carregado difere do backup nas tabelas: ${differences.join(', ')}.`,
          {
            tabelas: differences,
          },
        );
      }
      step = 'schema';
      await request.adopt?.(connection, database);
      schemaVersion = (await migrateDatabase(connection, database, ctx.templates[request.robo])).versions;
    } finally {
      connection.release();
    }

    step = 'principal';
    const gateway_geracao = await ctx.registry.gateways.current({ ...server, robo: request.robo });
    const access = tenantAccess(ctx.secretBox, {
      db_user: principal.user,
      robo_tipo: request.robo,
      db_host: server.host,
      db_port: server.port,
      gateway_geracao,
    });
    await admin.createPrincipal(principal, database, access);
    undo.push(() => admin.dropPrincipal(principal.user, principal.host, database, request.robo));

    step = 'ativacao';
    const apiKey = generateApiKey();
    await ctx.registry.activate(reservation.id, {
      db_password_enc: ctx.secretBox.seal(principal.password),
      api_key_hash: apiKey.hash,
      api_key_prefix: apiKey.displayPrefix,
    });
    return {
      tenant_key: request.tenantKey,
      database_name: database,
      schema_version: schemaVersion,
      api_key: apiKey.apiKey,
      tables: Object.keys(request.expected).length,
      servidor: `${server.host}:${server.port}`,
    };
  } catch (error) {
    await rollback(undo);
    if (error instanceof TenantOpsError) throw error;
    throw new TenantOpsError(
      TenantOpsErrorCode.STEP_FAILED,
      `Falha na etapa '${step}': ${errorMessage(error)}. Nada foi criado.`,
      { etapa: step },
      { cause: error },
    );
  }
}

async function createDatabase(ctx: OpsContext, database: string): Promise<void> {
  try {
    await ctx.servers.admin(ctx.servers.home).createDatabase(database);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_DB_CREATE_EXISTS') throw error;
    // Never adopted or dropped: it is not ours.
    throw new TenantOpsError(
      TenantOpsErrorCode.DATABASE_EXISTS,
      `Já existe um banco ${database} no servidor, sem cliente registrado; verifique com a operação.`,
    );
  }
}

/** Reverse order; a failed undo stops there, leaving the `provisioning` row for master-api's recovery sweep. */
async function rollback(undo: (() => Promise<void>)[]): Promise<void> {
  for (const run of [...undo].reverse()) {
    try {
      await run();
    } catch {
      return;
    }
  }
}
