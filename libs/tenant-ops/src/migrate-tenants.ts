import type { RobotVertical } from '@helix/contracts';
import {
  describeMigration,
  latestVersions,
  migrateDatabase,
  migrationRef,
  readSchemaState,
  type MigrationPlan,
  type MigrationRef,
  type PoolConnection,
  type RowDataPacket,
  type SchemaVersions,
} from '@helix/db';
import { tenantAccess } from '@helix/provisioning';
import { forEachBounded } from './bounded-parallel';
import type { OpsContext } from './ops-context';
import { errorMessage } from './tenant-ops.error';
import type { TenantFilter, TenantRecord } from './tenant-registry';

export interface MigrateOptions {
  robo?: RobotVertical;
  tenantKey?: string;
  /** Tenants migrated at once; also the bound of each server's admin pool (see createOpsContext). */
  concurrency: number;
  /** Reports what would be applied, changes nothing (tenants' access is neither checked nor repaired). */
  dryRun?: boolean;
  /** Called as each tenant finishes (progress bars). */
  onTenant?: (outcome: TenantMigrationOutcome) => void;
}

export interface TenantMigrationOutcome {
  tenant_key: string;
  database: string;
  /** Per series of the tenant's template (base and its vertical). */
  from: SchemaVersions;
  to: SchemaVersions;
  /** Migrations applied (or, in a dry run, that would be), in the order they ran. */
  applied: MigrationRef[];
  error?: string;
}

export interface TenantFailure {
  tenant_key: string;
  database: string;
  error: string;
}

export interface MigrateReport {
  dry_run: boolean;
  total: number;
  /** Tenants that had pending migrations and got them (or, in a dry run, would). */
  migrated: number;
  up_to_date: number;
  failed: TenantFailure[];
}

/**
 * Applies each tenant's pending template migrations, `concurrency` tenants at a time, then ensures
 * its access (its role, the role's grants, the gateway holding it, the storefront reader's grants
 * on its catalogue: what tenants created before roles or the reader lack; a no-op for the others). A failing tenant is recorded and the others go on; each
 * database records its own versions and the access repair is idempotent, so a rerun resumes
 * exactly where every tenant stopped. Only failures are kept, so memory does not grow with the
 * number of tenants. A dry run only reports migrations.
 */
export async function migrateTenants(ctx: OpsContext, options: MigrateOptions): Promise<MigrateReport> {
  const report: MigrateReport = { dry_run: options.dryRun ?? false, total: 0, migrated: 0, up_to_date: 0, failed: [] };
  await forEachTenant(
    ctx,
    options,
    async (tenant) => {
      const template = ctx.templates[tenant.robo_tipo];
      if (options.dryRun) return onTenantServer(ctx, tenant, (connection) => wouldApply(connection, tenant, template));
      const outcome = await onTenantServer(ctx, tenant, (connection) => apply(connection, tenant, template));
      return ensureAccess(ctx, tenant, outcome);
    },
    (outcome) => {
      count(report, outcome);
      options.onTenant?.(outcome);
    },
  );
  return report;
}

export interface VersionCount {
  robo_tipo: RobotVertical;
  /** Base and the vertical's series, e.g. `{ base: 3, carros: 2 }`. */
  versions: SchemaVersions;
  tenants: number;
}

export interface MigrationStatus {
  /** The last version of every series: `{ base, carros, imoveis }`. */
  latest: SchemaVersions;
  total: number;
  up_to_date: number;
  /** How many tenants sit at each pair of versions, per vertical. */
  versions: VersionCount[];
  behind: { tenant_key: string; robo_tipo: RobotVertical; versions: SchemaVersions; pending: MigrationRef[] }[];
  failed: TenantFailure[];
}

/** Versions across tenants, read-only. */
export async function migrationStatus(ctx: OpsContext, options: Omit<MigrateOptions, 'dryRun'>): Promise<MigrationStatus> {
  const latest = latestVersions(Object.values(ctx.templates).flatMap((template) => template.migrations));
  const status: MigrationStatus = { latest, total: 0, up_to_date: 0, versions: [], behind: [], failed: [] };
  const tally = new Map<string, VersionCount>();
  await forEachTenant(
    ctx,
    options,
    async (tenant) => {
      const outcome = await onTenantServer(ctx, tenant, (connection) => wouldApply(connection, tenant, ctx.templates[tenant.robo_tipo]));
      const key = `${tenant.robo_tipo}:${JSON.stringify(outcome.from)}`;
      const entry = tally.get(key) ?? { robo_tipo: tenant.robo_tipo, versions: outcome.from, tenants: 0 };
      entry.tenants += 1;
      tally.set(key, entry);
      if (outcome.applied.length > 0)
        status.behind.push({
          tenant_key: tenant.tenant_key,
          robo_tipo: tenant.robo_tipo,
          versions: outcome.from,
          pending: outcome.applied,
        });
      return outcome;
    },
    (outcome) => {
      status.total += 1;
      if (outcome.error) status.failed.push(failure(outcome));
      else if (outcome.applied.length === 0) status.up_to_date += 1;
      options.onTenant?.(outcome);
    },
  );
  status.versions = [...tally.values()].sort((a, b) => a.robo_tipo.localeCompare(b.robo_tipo) || olderFirst(a.versions, b.versions));
  return status;
}

/** Streams the matching live tenants and runs `inspect` on each; a throw is that tenant's failure. */
async function forEachTenant(
  ctx: OpsContext,
  options: Pick<MigrateOptions, 'robo' | 'tenantKey' | 'concurrency'>,
  inspect: (tenant: TenantRecord) => Promise<TenantMigrationOutcome>,
  done: (outcome: TenantMigrationOutcome) => void,
): Promise<void> {
  const filter: TenantFilter = { robo: options.robo, tenantKey: options.tenantKey };
  await forEachBounded(ctx.registry.iterate(filter), options.concurrency, async (tenant) => {
    let outcome: TenantMigrationOutcome;
    try {
      outcome = await inspect(tenant);
    } catch (error) {
      outcome = {
        tenant_key: tenant.tenant_key,
        database: tenant.database_name,
        from: {},
        to: {},
        applied: [],
        error: errorMessage(error),
      };
    }
    done(outcome);
  });
}

/** `work` with one admin connection to the tenant's server. */
const onTenantServer = <T>(ctx: OpsContext, tenant: TenantRecord, work: (connection: PoolConnection) => Promise<T>): Promise<T> =>
  ctx.servers.withConnection({ host: tenant.db_host, port: tenant.db_port }, work);

/**
 * Runs with no connection held: the admin takes its own from the same pool, which `concurrency`
 * tenants holding one each would otherwise exhaust. A failure keeps the migration's outcome.
 */
async function ensureAccess(ctx: OpsContext, tenant: TenantRecord, migrated: TenantMigrationOutcome): Promise<TenantMigrationOutcome> {
  try {
    const admin = ctx.servers.admin({ host: tenant.db_host, port: tenant.db_port });
    await admin.ensureAccess(tenant.database_name, tenantAccess(ctx.secretBox, tenant), ctx.userHost);
    await ctx.registry.markCatalogueReaderGranted(tenant.id);
    return migrated;
  } catch (error) {
    return { ...migrated, error: `acesso (papel, gateway e leitor da vitrine): ${errorMessage(error)}` };
  }
}

async function apply(connection: PoolConnection, tenant: TenantRecord, template: MigrationPlan): Promise<TenantMigrationOutcome> {
  const result = await migrateDatabase(connection, tenant.database_name, template);
  return { tenant_key: tenant.tenant_key, database: tenant.database_name, from: result.from, to: result.versions, applied: result.applied };
}

async function wouldApply(connection: PoolConnection, tenant: TenantRecord, template: MigrationPlan): Promise<TenantMigrationOutcome> {
  const [found] = await connection.query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [
    tenant.database_name,
  ]);
  if (found.length === 0) throw new Error(`database ${tenant.database_name} does not exist`);
  const state = await readSchemaState(connection, tenant.database_name, template);
  if (state.changed.length > 0)
    throw new Error(`migration ${describeMigration(state.changed[0])} of ${tenant.database_name} was changed after it was applied`);
  return {
    tenant_key: tenant.tenant_key,
    database: tenant.database_name,
    from: state.versions,
    to: latestVersions(template.migrations),
    applied: state.pending.map(migrationRef),
  };
}

/** Orders two tenants of one vertical by their versions, series by series (base first). */
function olderFirst(a: SchemaVersions, b: SchemaVersions): number {
  for (const series of Object.keys(a)) if (a[series] !== b[series]) return a[series] - b[series];
  return 0;
}

function count(report: MigrateReport, outcome: TenantMigrationOutcome): void {
  report.total += 1;
  if (outcome.error) report.failed.push(failure(outcome));
  else if (outcome.applied.length > 0) report.migrated += 1;
  else report.up_to_date += 1;
}

const failure = (outcome: TenantMigrationOutcome): TenantFailure => ({
  tenant_key: outcome.tenant_key,
  database: outcome.database,
  error: outcome.error as string,
});
