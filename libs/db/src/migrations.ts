import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { quoteIdentifier } from './identifiers';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
export const MIGRATIONS_TABLE = '_schema_migrations';

/** Versioned plain-SQL files `NNNN_name.sql`, ordered; gaps and duplicates are refused. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new Error(`migration file name ${file} in ${dir} is not NNNN_name.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (version !== migrations.length + 1) throw new Error(`migration ${file} in ${dir}: expected version ${migrations.length + 1}`);
    migrations.push({ version, name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

export function latestVersion(migrations: Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export class MigrationError extends Error {
  constructor(
    readonly database: string,
    readonly version: number,
    cause: unknown,
  ) {
    super(`migration ${version} of ${database} failed: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'MigrationError';
  }
}

interface AppliedRow extends RowDataPacket {
  version: number;
  checksum: string;
}

/** Where a database stands against a list of migrations. */
export interface SchemaState {
  version: number;
  pending: Migration[];
  /** Applied versions whose file was edited afterwards: the runner refuses to go on. */
  changed: number[];
}

function compareApplied(rows: AppliedRow[], migrations: Migration[]): SchemaState {
  const applied = new Map(rows.map((r) => [r.version, r.checksum]));
  const changed = [...applied]
    .filter(([version, checksum]) => {
      const known = migrations.find((m) => m.version === version);
      return known !== undefined && known.checksum !== checksum;
    })
    .map(([version]) => version);
  return { version: Math.max(0, ...applied.keys()), pending: migrations.filter((m) => !applied.has(m.version)), changed };
}

async function ensureMigrationsTable(connection: Connection): Promise<void> {
  await connection.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
       version INT UNSIGNED PRIMARY KEY,
       name VARCHAR(100) NOT NULL,
       checksum CHAR(64) NOT NULL,
       applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
     ) ENGINE=InnoDB`,
  );
}

async function recordApplied(connection: Connection, migration: Migration): Promise<void> {
  await connection.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, checksum) VALUES (?, ?, ?)`, [
    migration.version,
    migration.name,
    migration.checksum,
  ]);
}

/** Read-only: what `migrateDatabase` would do (a database without the table is at version 0). */
export async function readSchemaState(connection: Connection, database: string, migrations: Migration[]): Promise<SchemaState> {
  const [tables] = await connection.query<RowDataPacket[]>(
    'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
    [database, MIGRATIONS_TABLE],
  );
  if (tables.length === 0) return { version: 0, pending: migrations, changed: [] };
  const [rows] = await connection.query<AppliedRow[]>(`SELECT version, checksum FROM ${quoteIdentifier(database)}.${MIGRATIONS_TABLE}`);
  return compareApplied(rows, migrations);
}

/**
 * Brings `database` up to the latest migration. The connection must allow multiple statements
 * (each file runs in one round trip). A named lock serialises concurrent runners on one database;
 * DDL is not transactional in MySQL, so a failed migration is recorded as not applied and reruns.
 */
export async function migrateDatabase(
  connection: Connection,
  database: string,
  migrations: Migration[],
): Promise<{ applied: number[]; version: number }> {
  return withMigrationLock(connection, database, async () => {
    const [rows] = await connection.query<AppliedRow[]>(`SELECT version, checksum FROM ${MIGRATIONS_TABLE}`);
    const state = compareApplied(rows, migrations);
    if (state.changed.length > 0) {
      throw new Error(`migration ${state.changed[0]} of ${database} was changed after it was applied`);
    }
    const done: number[] = [];
    for (const migration of state.pending) {
      try {
        await connection.query(migration.sql);
      } catch (error) {
        throw new MigrationError(database, migration.version, error);
      }
      await recordApplied(connection, migration);
      done.push(migration.version);
    }
    return { applied: done, version: Math.max(state.version, ...done) };
  });
}

/**
 * Records migrations 1..`upTo` as applied without running them: for adopting a database whose
 * schema was built elsewhere and has been checked to match them. Later ones stay pending.
 */
export async function baselineDatabase(connection: Connection, database: string, migrations: Migration[], upTo: number): Promise<void> {
  await withMigrationLock(connection, database, async () => {
    const [rows] = await connection.query<AppliedRow[]>(`SELECT version, checksum FROM ${MIGRATIONS_TABLE}`);
    if (rows.length > 0) throw new Error(`${database} already records applied migrations; it cannot be baselined`);
    for (const migration of migrations.filter((m) => m.version <= upTo)) await recordApplied(connection, migration);
  });
}

/** Takes the database's migration lock, selects it and makes sure the migrations table exists. */
async function withMigrationLock<T>(connection: Connection, database: string, work: () => Promise<T>): Promise<T> {
  const lock = `hxm_${createHash('sha1').update(database).digest('hex')}`;
  const [[{ locked }]] = await connection.query<(RowDataPacket & { locked: number })[]>(
    'SELECT GET_LOCK(?, 60) AS locked',
    [lock],
  );
  if (locked !== 1) throw new Error(`could not take the migration lock of ${database}`);
  try {
    await connection.query(`USE ${quoteIdentifier(database)}`);
    await ensureMigrationsTable(connection);
    return await work();
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [lock]);
  }
}
