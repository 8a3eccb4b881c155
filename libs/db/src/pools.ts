import mysql, { type Connection, type Pool, type PoolOptions } from 'mysql2/promise';
import { parseMysqlUrl } from './mysql-url';
import { UTC_DATES } from './utc-dates';

export type { Pool, PoolConnection, RowDataPacket, ResultSetHeader } from 'mysql2/promise';

export interface PoolSettings {
  database?: string;
  connectionLimit?: number;
  /** Lets trusted migration files run in one round trip; never on pools that run request SQL. */
  multipleStatements?: boolean;
}

/** One bounded pool per server and purpose; idle connections close so a quiet service holds few. */
export function createPool(url: string, settings: PoolSettings = {}): Pool {
  const server = parseMysqlUrl(url);
  const options: PoolOptions = {
    ...server,
    database: settings.database,
    connectionLimit: settings.connectionLimit ?? 10,
    maxIdle: Math.min(2, settings.connectionLimit ?? 10),
    idleTimeout: 30_000,
    waitForConnections: true,
    queueLimit: 0,
    connectTimeout: 5_000,
    enableKeepAlive: true,
    multipleStatements: settings.multipleStatements ?? false,
    ...UTC_DATES,
    decimalNumbers: true,
    supportBigNumbers: true,
    charset: 'utf8mb4_unicode_ci',
  };
  return mysql.createPool(options);
}

/** A single connection for short administrative work (probing, creating databases). */
export async function connectOnce(url: string, database?: string, multipleStatements = false) {
  return mysql.createConnection({
    ...parseMysqlUrl(url),
    database,
    connectTimeout: 3_000,
    multipleStatements,
    ...UTC_DATES,
    charset: 'utf8mb4_unicode_ci',
  });
}

/** Another connection to the server of `connection`, as the same account: for work that must not queue behind its statements. */
export async function secondConnection(connection: Connection): Promise<Connection> {
  const { host, port, user, password, socketPath, ssl } = connection.config;
  return mysql.createConnection({
    host,
    port,
    user,
    password,
    socketPath,
    ssl,
    connectTimeout: 5_000,
    ...UTC_DATES,
    charset: 'utf8mb4_unicode_ci',
  });
}
