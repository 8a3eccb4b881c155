import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { quoteCatalogName, quoteIdentifier } from '@helix/db';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { describeTables, streamRawRows, type ColumnShape } from './table-shapes';

/** Values written as the server's own text, unquoted. */
const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'decimal', 'float', 'double']);
/** Values written as hex literals: bytes that may not be valid text. */
const BINARY = new Set([
  'binary',
  'varbinary',
  'tinyblob',
  'blob',
  'mediumblob',
  'longblob',
  'bit',
  'geometry',
  'point',
  'linestring',
  'polygon',
]);
/** An INSERT is flushed when it reaches about this size, as mysqldump's extended inserts are. */
const INSERT_BYTES = 512 * 1024;

/**
 * For hosts without mysqldump/mariadb-dump: tables (structure from SHOW CREATE TABLE, rows in
 * primary-key order) read in one consistent snapshot. Views, triggers and routines are not
 * dumped: a database that has any is refused rather than copied without them.
 */
export async function builtinDump(connection: Connection, database: string, out: Writable, tables?: readonly string[]): Promise<void> {
  const [[{ others }]] = await connection.query<RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM information_schema.views WHERE TABLE_SCHEMA = ?)
          + (SELECT COUNT(*) FROM information_schema.triggers WHERE TRIGGER_SCHEMA = ?)
          + (SELECT COUNT(*) FROM information_schema.routines WHERE ROUTINE_SCHEMA = ?) AS others`,
    [database, database, database],
  );
  if (Number(others) > 0)
    throw new Error(`${database} tem views, triggers ou rotinas; o dump embutido só copia tabelas (instale mariadb-dump)`);

  await connection.query("SET time_zone = '+00:00'");
  await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
  try {
    await write(out, "SET NAMES utf8mb4;\nSET time_zone = '+00:00';\nSET FOREIGN_KEY_CHECKS = 0;\nSET UNIQUE_CHECKS = 0;\n");
    for (const table of (await describeTables(connection, database)).filter((t) => !tables || tables.includes(t.name))) {
      const name = `${quoteIdentifier(database)}.${quoteCatalogName(table.name)}`;
      const [[create]] = await connection.query<RowDataPacket[]>(`SHOW CREATE TABLE ${name}`);
      await write(out, `\n${create['Create Table']};\n`);
      const columns = table.columns.filter((c) => !c.generated);
      const head = `INSERT INTO ${quoteCatalogName(table.name)} (${columns.map((c) => quoteCatalogName(c.name)).join(', ')}) VALUES `;
      const sql = `SELECT ${columns.map((c) => quoteCatalogName(c.name)).join(', ')} FROM ${name} ORDER BY ${table.orderBy.map(quoteCatalogName).join(', ')}`;
      let pending: string[] = [];
      let size = 0;
      for await (const row of streamRawRows(connection, sql)) {
        const tuple = `(${row.map((field, i) => literal(field, columns[i])).join(',')})`;
        pending.push(tuple);
        size += tuple.length;
        if (size >= INSERT_BYTES) {
          await write(out, `${head}${pending.join(',\n')};\n`);
          pending = [];
          size = 0;
        }
      }
      if (pending.length > 0) await write(out, `${head}${pending.join(',\n')};\n`);
    }
    await write(out, '\nSET FOREIGN_KEY_CHECKS = 1;\nSET UNIQUE_CHECKS = 1;\n');
  } finally {
    await connection.query('ROLLBACK');
  }
}

function literal(field: Buffer | null, column: ColumnShape): string {
  if (field === null) return 'NULL';
  if (NUMERIC.has(column.dataType)) return field.toString('latin1');
  if (BINARY.has(column.dataType)) return field.length === 0 ? "''" : `X'${field.toString('hex')}'`;
  return mysql.escape(field.toString('utf8'));
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
