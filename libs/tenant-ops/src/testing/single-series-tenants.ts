import { createHash } from 'node:crypto';
import type { RobotVertical } from '@helix/contracts';
import { quoteCatalogName, quoteIdentifier, type PoolConnection, type RowDataPacket } from '@helix/db';
import SINGLE_SERIES_TEMPLATES from './single-series-templates.json';

/**
 * Tenant databases as they were made before the base series existed, when each vertical's
 * template was one series holding the shared tables too. `single-series-templates.json` holds that
 * era's `infra/tenant/<robo>/` files verbatim (as data: a record, never edited, that no `*.sql`
 * glob picks up), and the bookkeeping below is that era's runner's, verbatim. The connection must
 * allow multiple statements.
 */
type Connection = Pick<PoolConnection, 'query'>;

const SINGLE_SERIES_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS _schema_migrations (
       version INT UNSIGNED PRIMARY KEY,
       name VARCHAR(100) NOT NULL,
       checksum CHAR(64) NOT NULL,
       applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
     ) ENGINE=InnoDB`;

interface SingleSeriesFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The vertical's files of that era, in version order. */
function singleSeriesFiles(robo: RobotVertical): SingleSeriesFile[] {
  const files = (SINGLE_SERIES_TEMPLATES as Record<string, { file: string; sql: string }[]>)[robo];
  return files.map(({ file, sql }) => {
    const [, version, name] = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file) as RegExpExecArray;
    return { version: Number(version), name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

async function record(connection: Connection, file: SingleSeriesFile): Promise<void> {
  await connection.query('INSERT INTO _schema_migrations (version, name, checksum) VALUES (?, ?, ?)', [
    file.version,
    file.name,
    file.checksum,
  ]);
}

/** Versions 1..`upTo` of the vertical's single-series template run and recorded in `database` (created here), as onboarding and `helix migrate` left them. */
export async function buildSingleSeriesTenant(connection: Connection, database: string, robo: RobotVertical, upTo: number): Promise<void> {
  await connection.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.query(`USE ${quoteIdentifier(database)}`);
  await connection.query(SINGLE_SERIES_BOOKKEEPING);
  for (const file of singleSeriesFiles(robo).slice(0, upTo)) {
    await connection.query(file.sql);
    await record(connection, file);
  }
}

/**
 * What `helix import-legacy` of that era left from a seed-style database (`seedSql` run in
 * `database`, created here): the template's version-1 tables the seed lacked (their definition
 * read from a scratch database at version 1), version 1 recorded as the baseline, then 2..`upTo`.
 */
export async function buildSingleSeriesImport(
  connection: Connection,
  database: string,
  robo: RobotVertical,
  seedSql: string,
  upTo: number,
): Promise<void> {
  const reference = `${database}_ref`;
  await buildSingleSeriesTenant(connection, reference, robo, 1);
  try {
    await connection.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await connection.query(`USE ${quoteIdentifier(database)}`);
    await connection.query(seedSql);
    const [missing] = await connection.query<RowDataPacket[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_name <> '_schema_migrations'
          AND table_name NOT IN (SELECT table_name FROM information_schema.tables WHERE table_schema = ?)`,
      [reference, database],
    );
    for (const { name } of missing) {
      const [[create]] = await connection.query<RowDataPacket[]>(
        `SHOW CREATE TABLE ${quoteIdentifier(reference)}.${quoteCatalogName(name)}`,
      );
      await connection.query(create['Create Table']);
    }
    await connection.query(SINGLE_SERIES_BOOKKEEPING);
    const [first, ...later] = singleSeriesFiles(robo).slice(0, upTo);
    await record(connection, first);
    for (const file of later) {
      await connection.query(file.sql);
      await record(connection, file);
    }
  } finally {
    await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(reference)}`);
  }
}
