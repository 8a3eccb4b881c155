import { randomBytes } from 'node:crypto';
import { connectOnce, quoteAccount, quoteIdentifier, type RowDataPacket } from '@helix/db';

/** Every name a test run creates starts with this, so leftovers of a crashed run are recognisable. */
export const TEST_PREFIX_ROOT = 'hxt';

export const testMysqlUrl = (): string => process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** `hxt` + 6 random characters + `_`: the database/user prefix of one test file (12 characters max). */
export function uniquePrefix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${TEST_PREFIX_ROOT}${suffix}_`;
}

/** Drops every database and MySQL user whose name starts with `prefix`. */
export async function dropScope(prefix: string, url = testMysqlUrl()): Promise<void> {
  const connection = await connectOnce(url);
  try {
    const like = `${prefix.replace(/_/g, '\\_')}%`;
    const [databases] = await connection.query<RowDataPacket[]>('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [like]);
    for (const { name } of databases) await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
    const [users] = await connection.query<RowDataPacket[]>('SELECT user, host FROM mysql.user WHERE user LIKE ?', [like]);
    for (const { user, host } of users) await connection.query(`DROP USER IF EXISTS ${quoteAccount(user, host)}`);
  } finally {
    await connection.end();
  }
}

export async function databaseExists(name: string, url = testMysqlUrl()): Promise<boolean> {
  const connection = await connectOnce(url);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [name]);
    return rows.length > 0;
  } finally {
    await connection.end();
  }
}

export async function usersLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  const connection = await connectOnce(url);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT user FROM mysql.user WHERE user LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
    return rows.map((r) => r.user as string);
  } finally {
    await connection.end();
  }
}

export async function databasesLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  const connection = await connectOnce(url);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [
      `${prefix.replace(/_/g, '\\_')}%`,
    ]);
    return rows.map((r) => r.name as string);
  } finally {
    await connection.end();
  }
}
