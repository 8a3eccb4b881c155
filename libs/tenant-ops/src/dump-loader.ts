import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectOnce, formatMysqlUrl, quoteIdentifier, type MysqlServer } from '@helix/db';
import { sqlStatements } from './sql-statements';

/**
 * Runs a dump file's statements into `database`, one at a time, on a connection of its own (dumps
 * set session variables). The database must exist; the dump names no database of its own.
 * `pause`: after each statement, wait that many times as long as it took, so a copy made while
 * the server serves other tenants leaves them most of its CPU (0: flat out).
 */
export async function loadDump(server: MysqlServer, database: string, file: string, pause = 0): Promise<void> {
  const connection = await connectOnce(formatMysqlUrl(server), database);
  try {
    await connection.query(`USE ${quoteIdentifier(database)}`);
    for await (const statement of sqlStatements(createReadStream(file, { encoding: 'utf8' }))) {
      const started = performance.now();
      await connection.query(statement);
      if (pause > 0) await sleep((performance.now() - started) * pause);
    }
  } finally {
    await connection.end();
  }
}
