import type { Connection } from 'mysql2/promise';
import { quoteIdentifier } from './identifiers';
import { leaseTableSql, withLease, type LeaseSpec } from './lease';
import { bookkeepingShape, ensureBookkeeping, readRecords, recordApplied, replaceUnlabelled } from './migration-records';
import {
  describeMigration,
  migrationRef,
  type Migration,
  type MigrationPlan,
  type MigrationRef,
  type SchemaVersions,
} from './migration-plan';
import { secondConnection } from './pools';
import { labelRecords, UNLABELLED, type RecordedMigration } from './series-split';

export class MigrationError extends Error {
  constructor(
    readonly database: string,
    readonly migration: MigrationRef,
    cause: unknown,
  ) {
    super(`migration ${describeMigration(migration)} of ${database} failed: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Where a database stands against a plan. */
export interface SchemaState {
  /** Every series of the plan, at the highest version recorded (0: none). */
  versions: SchemaVersions;
  /** In the plan's order: what `migrateDatabase` would run. */
  pending: Migration[];
  /** Applied migrations whose file was edited afterwards: the runner refuses to go on. */
  changed: MigrationRef[];
}

export interface MigrationResult {
  /** Before this run (a database without bookkeeping: every series at 0). */
  from: SchemaVersions;
  applied: MigrationRef[];
  versions: SchemaVersions;
}

const key = (ref: MigrationRef) => `${ref.series}/${ref.version}`;

function compareApplied(records: RecordedMigration[], plan: MigrationPlan): SchemaState {
  const applied = new Map(records.map((r) => [key(r), r.checksum]));
  const versions: SchemaVersions = {};
  for (const { series } of plan.migrations) {
    versions[series] = Math.max(0, ...records.filter((r) => r.series === series).map((r) => r.version));
  }
  return {
    versions,
    pending: plan.migrations.filter((m) => !applied.has(key(m))),
    changed: plan.migrations.filter((m) => applied.has(key(m)) && applied.get(key(m)) !== m.checksum).map(migrationRef),
  };
}

const changedError = (database: string, state: SchemaState) =>
  new Error(`migration ${describeMigration(state.changed[0])} of ${database} was changed after it was applied`);

/**
 * Read-only: what `migrateDatabase` would do. A database without bookkeeping has nothing applied;
 * one whose bookkeeping predates series is read as it will be labelled (and left as it is).
 */
export async function readSchemaState(connection: Connection, database: string, plan: MigrationPlan): Promise<SchemaState> {
  const records = await readRecords(connection, database, await bookkeepingShape(connection, database));
  return compareApplied(labelRecords(database, records, plan), plan);
}

/**
 * Brings `database` up to the plan's latest migrations, in the plan's order (see MigrationPlan).
 * The connection must allow multiple statements (each file runs in one round trip). A lease in the
 * database itself serialises concurrent runners on it, on one server or on the nodes of a cluster
 * (see withMigrationLease); a runner that finds its lease lost stops before its next migration.
 * Resumable rather than all or nothing: each migration is recorded once it has run, and DDL is not
 * transactional in MySQL, so a failed one is recorded as not applied and runs again on the next
 * call (template files are written to allow it). Bookkeeping from before series is labelled first
 * (see labelBookkeeping).
 */
export async function migrateDatabase(connection: Connection, database: string, plan: MigrationPlan): Promise<MigrationResult> {
  return withMigrationLease(connection, database, async (lost) => {
    const state = compareApplied(await labelBookkeeping(connection, database, plan), plan);
    if (state.changed.length > 0) throw changedError(database, state);
    const versions = { ...state.versions };
    const applied: MigrationRef[] = [];
    for (const migration of state.pending) {
      lost.throwIfAborted();
      try {
        await connection.query(migration.sql);
      } catch (error) {
        throw new MigrationError(database, migration, error);
      }
      await recordApplied(connection, migration);
      applied.push(migrationRef(migration));
      versions[migration.series] = Math.max(versions[migration.series], migration.version);
    }
    return { from: state.versions, applied, versions };
  });
}

/**
 * Records every migration of `plan` as applied without running it: for adopting a database whose
 * schema was built elsewhere and has been checked to match them. Pass the plan cut where the
 * database stands; later migrations stay pending for `migrateDatabase`.
 */
export async function baselineDatabase(connection: Connection, database: string, plan: MigrationPlan): Promise<void> {
  await withMigrationLease(connection, database, async () => {
    if ((await labelBookkeeping(connection, database, plan)).length > 0)
      throw new Error(`${database} already records applied migrations; it cannot be baselined`);
    for (const migration of plan.migrations) await recordApplied(connection, migration);
  });
}

/**
 * The selected database's bookkeeping in the current shape, its rows labelled with their series:
 * a table from before series gets the column (one ALTER), then its rows are replaced by their
 * labelled versions (one transaction). Each step is whole or not at all and a later call finishes
 * what an interrupted one left; a row that cannot be labelled stops it before anything changes.
 */
async function labelBookkeeping(connection: Connection, database: string, plan: MigrationPlan): Promise<RecordedMigration[]> {
  const shape = await bookkeepingShape(connection, database);
  const records = await readRecords(connection, database, shape);
  const unlabelled = records.filter((r) => r.series === UNLABELLED);
  const labelled = labelRecords(database, unlabelled, plan);
  await ensureBookkeeping(connection, shape);
  if (unlabelled.length > 0) await replaceUnlabelled(connection, labelled);
  return [...records.filter((r) => r.series !== UNLABELLED), ...labelled];
}

/** Each database's lease on its migrations (see lease.ts): made by the runner itself, before any migration. */
export const MIGRATION_LEASE_TABLE = '_migration_lease';

const migrationLease = (database: string): LeaseSpec => ({ table: MIGRATION_LEASE_TABLE, database, name: 'migrations', seconds: 30 });

/** How long a runner waits for another one, e.g. a second master starting at the same time. */
const MIGRATION_LEASE_WAIT_MS = 60_000;

/**
 * Takes the database's migration lease, waiting for another runner's, and selects the database. The
 * lease is kept on a second connection: `connection` may be busy with one long statement for longer
 * than the lease lasts, and its renewals must not queue behind it.
 */
async function withMigrationLease<T>(connection: Connection, database: string, work: (lost: AbortSignal) => Promise<T>): Promise<T> {
  const leases = await secondConnection(connection);
  try {
    const lease = migrationLease(database);
    await leases.query(leaseTableSql(lease));
    const busy = () =>
      new Error(`could not take the migration lease of ${database}: another runner held it for ${MIGRATION_LEASE_WAIT_MS / 1000} s`);
    return await withLease(leases, lease, { busy, waitMs: MIGRATION_LEASE_WAIT_MS }, async (lost) => {
      await connection.query(`USE ${quoteIdentifier(database)}`);
      return work(lost);
    });
  } finally {
    await leases.end().catch(() => undefined);
  }
}
