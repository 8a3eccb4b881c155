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

/** A short-lived root connection for fixtures and assertions. */
async function withRoot<T>(url: string, work: (connection: Awaited<ReturnType<typeof connectOnce>>) => Promise<T>): Promise<T> {
  const connection = await connectOnce(url);
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** A LIKE pattern matching names that start with `prefix` (its `_` taken literally). */
export const likePrefix = (prefix: string) => `${prefix.replace(/_/g, '\\_')}%`;

/** One statement as root, optionally inside `database`: fixtures and assertions an endpoint does not cover. */
export async function rootSql<T = RowDataPacket[]>(sql: string, params: unknown[] = [], database?: string, url = testMysqlUrl()): Promise<T> {
  const connection = await connectOnce(url, database);
  try {
    return (await connection.query(sql, params))[0] as T;
  } finally {
    await connection.end();
  }
}

async function databaseNames(url: string, like: string): Promise<string[]> {
  return withRoot(url, async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [like]);
    return rows.map((r) => r.name as string);
  });
}

async function accounts(url: string, prefix: string): Promise<{ user: string; host: string; role: boolean }[]> {
  return withRoot(url, async (connection) => {
    const [rows] = await connection.query<RowDataPacket[]>(
      "SELECT User AS user, Host AS host, is_role AS role FROM mysql.user WHERE User LIKE ?",
      [likePrefix(prefix)],
    );
    return rows.map((row) => ({ user: row.user as string, host: row.host as string, role: String(row.role) === 'Y' }));
  });
}

/** Drops every database, MySQL user and role (a benchmark measures roles) whose name starts with `prefix`. */
export async function dropScope(prefix: string, url = testMysqlUrl()): Promise<void> {
  const databases = await databaseNames(url, likePrefix(prefix));
  const users = await accounts(url, prefix);
  await withRoot(url, async (connection) => {
    for (const name of databases) await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
    for (const { user, host, role } of users) {
      await connection.query(role ? `DROP ROLE IF EXISTS ${quoteIdentifier(user)}` : `DROP USER IF EXISTS ${quoteAccount(user, host)}`);
    }
  });
}

export async function databaseExists(name: string, url = testMysqlUrl()): Promise<boolean> {
  return (await databaseNames(url, name.replace(/_/g, '\\_'))).length > 0;
}

export async function usersLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  return (await accounts(url, prefix)).filter((a) => !a.role).map((a) => a.user);
}

export async function databasesLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  return databaseNames(url, likePrefix(prefix));
}
