import type { Connection, RowDataPacket } from 'mysql2/promise';
import { quoteIdentifier } from './identifiers';
import type { Migration } from './migration-plan';
import { UNLABELLED, type RecordedMigration } from './series-split';

/** Each database's record of the migrations applied to it: one row per series and version. */
export const MIGRATIONS_TABLE = '_schema_migrations';

const CREATE_TABLE = `CREATE TABLE ${MIGRATIONS_TABLE} (
  series VARCHAR(40) NOT NULL,
  version INT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (series, version)
) ENGINE=InnoDB`;

/**
 * A table made before series: one statement (so it happens whole or not at all) gives it the
 * shape above; its rows get the column's implicit default, UNLABELLED, until they are labelled.
 */
const ADD_SERIES = `ALTER TABLE ${MIGRATIONS_TABLE} ADD COLUMN series VARCHAR(40) NOT NULL FIRST, DROP PRIMARY KEY, ADD PRIMARY KEY (series, version)`;

export type BookkeepingShape = 'none' | 'before-series' | 'series';

/** No table yet (or no database: it is created with its first migration). */
const MISSING = new Set(['ER_NO_SUCH_TABLE', 'ER_BAD_DB_ERROR']);

export async function bookkeepingShape(connection: Connection, database: string): Promise<BookkeepingShape> {
  try {
    // Its columns from the table itself, not information_schema: on MariaDB 10.11 an
    // information_schema query running beside another database's ALTER TABLE can crash the server.
    const [, columns] = await connection.query(`SELECT * FROM ${quoteIdentifier(database)}.${MIGRATIONS_TABLE} LIMIT 0`);
    return columns.some((c) => c.name === 'series') ? 'series' : 'before-series';
  } catch (error) {
    if (MISSING.has((error as { code?: string }).code ?? '')) return 'none';
    throw error;
  }
}

/** Rows as recorded; a table from before series reads as UNLABELLED rows. */
export async function readRecords(connection: Connection, database: string, shape: BookkeepingShape): Promise<RecordedMigration[]> {
  if (shape === 'none') return [];
  const series = shape === 'series' ? 'series' : '? AS series';
  const [rows] = await connection.query<(RowDataPacket & RecordedMigration)[]>(
    `SELECT ${series}, version, name, checksum, applied_at FROM ${quoteIdentifier(database)}.${MIGRATIONS_TABLE}`,
    [UNLABELLED],
  );
  return rows.map(({ series, version, name, checksum, applied_at }) => ({ series, version, name, checksum, applied_at }));
}

/** Brings the selected database's table to the current shape (creating it if missing). */
export async function ensureBookkeeping(connection: Connection, shape: BookkeepingShape): Promise<void> {
  if (shape === 'none') await connection.query(CREATE_TABLE);
  if (shape === 'before-series') await connection.query(ADD_SERIES);
}

/** Replaces the UNLABELLED rows with `labelled` in one transaction: the table holds either, never a mix. */
export async function replaceUnlabelled(connection: Connection, labelled: RecordedMigration[]): Promise<void> {
  await connection.beginTransaction();
  try {
    await connection.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE series = ?`, [UNLABELLED]);
    if (labelled.length > 0) {
      await connection.query(`INSERT INTO ${MIGRATIONS_TABLE} (series, version, name, checksum, applied_at) VALUES ?`, [
        labelled.map((r) => [r.series, r.version, r.name, r.checksum, r.applied_at]),
      ]);
    }
    await connection.commit();
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  }
}

export async function recordApplied(connection: Connection, migration: Migration): Promise<void> {
  await connection.query(`INSERT INTO ${MIGRATIONS_TABLE} (series, version, name, checksum) VALUES (?, ?, ?, ?)`, [
    migration.series,
    migration.version,
    migration.name,
    migration.checksum,
  ]);
}
