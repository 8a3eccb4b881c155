import { randomBytes } from 'node:crypto';
import { connectOnce, quoteAccount, quoteIdentifier, type RowDataPacket } from '@helix/db';

/** Every name a test run creates starts with this, so leftovers of a crashed run are recognisable. */
export const TEST_PREFIX_ROOT = 'hxt';
/** Set by the jest global setup for its workers: the run that owns every prefix they make. */
export const TEST_RUN_ENV = 'HELIX_TEST_RUN';

export const testMysqlUrl = (): string => process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const RUN_ID = /^[a-z0-9]{2}$/;
/** `hxt` + run id + file id + `_`: how a run's names start, and how their run is read back. */
const RUN_NAME = new RegExp(`^${TEST_PREFIX_ROOT}([a-z0-9]{2})[a-z0-9]{6}_`);

const randomId = (length: number): string => [...randomBytes(length)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
/** Two characters: plenty for the few runs alive on one server at once, leaving six random ones to each test file. */
export const newRunId = (): string => randomId(2);
/** The run a name was made for; undefined for names no run owns (made outside a jest run). */
export const runOfName = (name: string): string | undefined => RUN_NAME.exec(name)?.[1];

/**
 * The database/user prefix of one test file, 12 characters (TENANT_DB_PREFIX's limit): in a jest run
 * `hxt` + the run's id + 6 random + `_`, so the run's teardown, and a later run once this one is dead,
 * drop it; outside one (benchmarks, scripts) `hxt_` + 7 random + `_`, which no run ever drops.
 */
export function uniquePrefix(runId = process.env[TEST_RUN_ENV]): string {
  if (runId === undefined) return `${TEST_PREFIX_ROOT}_${randomId(7)}_`;
  if (!RUN_ID.test(runId)) throw new Error(`${TEST_RUN_ENV} is not a test run id: ${JSON.stringify(runId)}`);
  return `${TEST_PREFIX_ROOT}${runId}${randomId(6)}_`;
}

export type RootConnection = Awaited<ReturnType<typeof connectOnce>>;

/** A short-lived root connection for fixtures and assertions. */
export async function withRoot<T>(url: string, work: (connection: RootConnection) => Promise<T>): Promise<T> {
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
export async function rootSql<T = RowDataPacket[]>(
  sql: string,
  params: unknown[] = [],
  database?: string,
  url = testMysqlUrl(),
): Promise<T> {
  const connection = await connectOnce(url, database);
  try {
    return (await connection.query(sql, params))[0] as T;
  } finally {
    await connection.end();
  }
}

/** What a prefix owns on the server: databases, and MySQL users and roles (a benchmark measures roles). */
export interface ScopeNames {
  databases: string[];
  accounts: { user: string; host: string; role: boolean }[];
}

async function databaseNames(connection: RootConnection, like: string): Promise<string[]> {
  const [rows] = await connection.query<RowDataPacket[]>(
    'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
    [like],
  );
  return rows.map((r) => r.name as string);
}

async function accounts(connection: RootConnection, like: string): Promise<ScopeNames['accounts']> {
  const [rows] = await connection.query<RowDataPacket[]>(
    'SELECT User AS user, Host AS host, is_role AS role FROM mysql.user WHERE User LIKE ?',
    [like],
  );
  return rows.map((row) => ({ user: row.user as string, host: row.host as string, role: String(row.role) === 'Y' }));
}

export async function namesStartingWith(connection: RootConnection, prefix: string): Promise<ScopeNames> {
  return { databases: await databaseNames(connection, likePrefix(prefix)), accounts: await accounts(connection, likePrefix(prefix)) };
}

export async function dropNames(connection: RootConnection, names: ScopeNames): Promise<void> {
  for (const name of names.databases) await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  for (const { user, host, role } of names.accounts) {
    await connection.query(role ? `DROP ROLE IF EXISTS ${quoteIdentifier(user)}` : `DROP USER IF EXISTS ${quoteAccount(user, host)}`);
  }
}

/** Drops every database, MySQL user and role whose name starts with `prefix`. */
export async function dropScope(prefix: string, url = testMysqlUrl()): Promise<void> {
  await withRoot(url, async (connection) => dropNames(connection, await namesStartingWith(connection, prefix)));
}

export async function databaseExists(name: string, url = testMysqlUrl()): Promise<boolean> {
  return (await withRoot(url, (connection) => databaseNames(connection, name.replace(/_/g, '\\_')))).length > 0;
}

export async function usersLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  return (await withRoot(url, (connection) => accounts(connection, likePrefix(prefix)))).filter((a) => !a.role).map((a) => a.user);
}

export async function databasesLike(prefix: string, url = testMysqlUrl()): Promise<string[]> {
  return withRoot(url, (connection) => databaseNames(connection, likePrefix(prefix)));
}
