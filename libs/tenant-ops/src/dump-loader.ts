import { createReadStream } from 'node:fs';
import { connectOnce, formatMysqlUrl, quoteIdentifier, type MysqlServer } from '@helix/db';
import { sqlStatements } from './sql-statements';

/**
 * Runs a dump file's statements into `database`, one at a time, on a connection of its own (dumps
 * set session variables). The database must exist; the dump names no database of its own.
 */
export async function loadDump(server: MysqlServer, database: string, file: string): Promise<void> {
  const connection = await connectOnce(formatMysqlUrl(server), database);
  try {
    await connection.query(`USE ${quoteIdentifier(database)}`);
    for await (const statement of sqlStatements(createReadStream(file, { encoding: 'utf8' }))) await connection.query(statement);
  } finally {
    await connection.end();
  }
}
