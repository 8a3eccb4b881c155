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
  const lock = `hxm_${createHash('sha1').update(database).digest('hex')}`;
  const [[{ locked }]] = await connection.query<(RowDataPacket & { locked: number })[]>(
    'SELECT GET_LOCK(?, 60) AS locked',
    [lock],
  );
  if (locked !== 1) throw new Error(`could not take the migration lock of ${database}`);
  try {
    await connection.query(`USE ${quoteIdentifier(database)}`);
    await connection.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
         version INT UNSIGNED PRIMARY KEY,
         name VARCHAR(100) NOT NULL,
         checksum CHAR(64) NOT NULL,
         applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
       ) ENGINE=InnoDB`,
    );
    const [rows] = await connection.query<AppliedRow[]>(`SELECT version, checksum FROM ${MIGRATIONS_TABLE}`);
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    for (const [version, checksum] of applied) {
      const known = migrations.find((m) => m.version === version);
      if (known && known.checksum !== checksum) {
        throw new Error(`migration ${version} of ${database} was changed after it was applied`);
      }
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      try {
        await connection.query(migration.sql);
      } catch (error) {
        throw new MigrationError(database, migration.version, error);
      }
      await connection.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, checksum) VALUES (?, ?, ?)`, [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.version);
    }
    const version = Math.max(0, ...applied.keys(), ...done);
    return { applied: done, version };
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [lock]);
  }
}
