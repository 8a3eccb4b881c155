import mysql, { type Pool, type PoolConnection, type PoolOptions } from 'mysql2/promise';
import { version as installedMysql2Version } from 'mysql2/package.json';
import { UTC_DATE_WRITES } from '@helix/db';

/**
 * The one file that reaches into mysql2's internals: its pool's free list and login, its pooled
 * connections' callback API. They are not public, so they were read in these versions only (package.json
 * pins the first); any other version refuses to start until this file has been read again against it.
 */
export const CHECKED_MYSQL2_VERSIONS: readonly string[] = ['3.24.6'];

export function assertCheckedMysql2Version(version: string = installedMysql2Version): void {
  if (!CHECKED_MYSQL2_VERSIONS.includes(version)) {
    throw new Error(
      `mysql2 ${version} instalado, mas o gerenciador de conexões dos clientes só foi verificado com ${CHECKED_MYSQL2_VERSIONS.join(', ')}: ` +
        'revise libs/tenant-context/src/mysql2-pool.adapter.ts contra essa versão antes de trocá-la em package.json.',
    );
  }
}

export interface GatewayLogin {
  user: string;
  password: string;
}

/** The parts of mysql2's pool we read or steer. */
interface CorePoolInternals {
  config: { connectionConfig: GatewayLogin };
  _allConnections: RingQueue;
  _freeConnections: RingQueue;
}
interface RingQueue {
  readonly length: number;
  get(index: number): CoreConnection;
  removeOne(index: number): void;
  push(item: CoreConnection): void;
}
/** A pooled connection as mysql2 keeps it: the same object across checkouts, so it keys per-session state. */
export interface CoreConnection {
  /** Null once mysql2 removed it from the pool (closed, failed). */
  _pool: unknown;
  lastActiveTime: number;
  end(): void;
  query(sql: string, params: unknown[] | undefined, callback: Callback): void;
  changeUser(options: GatewayLogin, callback: (error: Error | null) => void): void;
}
type Callback = (error: Error | null, result?: unknown) => void;

export interface Mysql2PoolOptions {
  host: string;
  port: number;
  gateway: GatewayLogin;
  connectionLimit: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
}

/** One mysql2 pool for one MySQL server, logged in as the gateway. */
export class Mysql2Pool {
  private readonly pool: Pool;
  private readonly core: CorePoolInternals;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: Mysql2PoolOptions) {
    this.pool = mysql.createPool({
      host: options.host,
      port: options.port,
      user: options.gateway.user,
      password: options.gateway.password,
      connectionLimit: options.connectionLimit,
      // mysql2's own idle sweep (only when maxIdle < connectionLimit) also closes connections just
      // for exceeding maxIdle, whatever their age; closeIdle below closes by age alone.
      maxIdle: options.connectionLimit,
      // The manager never asks for more than connectionLimit, so mysql2's own queue stays empty.
      waitForConnections: true,
      connectTimeout: options.connectTimeoutMs,
      enableKeepAlive: true,
      gracefulEnd: true,
      // The switch rides in the same packet as the request's first statement; TenantDb refuses any
      // SQL text with a `;`, so only the switch the manager writes can add a statement.
      multipleStatements: true,
      ...UTC_DATE_WRITES,
      decimalNumbers: true,
      supportBigNumbers: true,
      charset: 'utf8mb4_unicode_ci',
    } satisfies PoolOptions);
    this.core = this.pool.pool as unknown as CorePoolInternals;
    if (!this.core.config?.connectionConfig || !this.core._allConnections || !this.core._freeConnections) {
      throw new Error(
        `As estruturas internas do pool do mysql2 ${installedMysql2Version} mudaram: revise libs/tenant-context/src/mysql2-pool.adapter.ts.`,
      );
    }
    this.sweeper = setInterval(() => this.closeIdle(options.idleTimeoutMs), Math.min(1_000, Math.max(50, options.idleTimeoutMs / 2)));
    this.sweeper.unref();
  }

  get open(): number {
    return this.core._allConnections.length;
  }

  get idle(): number {
    return this.core._freeConnections.length;
  }

  getConnection(): Promise<PoolConnection> {
    return this.pool.getConnection();
  }

  /** A new gateway password (rotation) applies to the connections opened from now on; open ones stay logged in. */
  useLogin(gateway: GatewayLogin): void {
    const login = this.core.config.connectionConfig;
    if (login.user !== gateway.user || login.password !== gateway.password) Object.assign(login, gateway);
  }

  /**
   * mysql2 hands out the most recently released idle connection and has no way to ask for a given
   * one; moving the newest idle one that `wanted` accepts to the top of its free list is the one lever.
   */
  preferIdle(wanted: (connection: CoreConnection) => boolean): void {
    const free = this.core._freeConnections;
    for (let i = free.length - 1; i >= 0; i--) {
      const candidate = free.get(i);
      if (wanted(candidate)) {
        if (i !== free.length - 1) {
          free.removeOne(i);
          free.push(candidate);
        }
        return;
      }
    }
  }

  async end(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end();
  }

  /** The free list is in release order (oldest first): close from its head while idle too long. */
  private closeIdle(idleTimeoutMs: number): void {
    const free = this.core._freeConnections;
    const now = Date.now();
    while (free.length > 0 && now - free.get(0).lastActiveTime >= idleTimeoutMs) free.get(0).end();
  }
}

export const coreOf = (connection: PoolConnection): CoreConnection => connection.connection as unknown as CoreConnection;

/** False once mysql2 dropped the connection (closed, failed): it must not be handed out again. */
export const isStillPooled = (connection: PoolConnection): boolean => !!coreOf(connection)._pool;

export const isPoolClosedError = (error: unknown): boolean => (error as Error | null)?.message === 'Pool is closed.';

/**
 * Statements go through mysql2's callback API: its promise wrapper captures a stack trace on every
 * call, a few percent of the robot's CPU at thousands of statements a second.
 */
export const send = <R>(core: CoreConnection, sql: string, params?: unknown[]): Promise<R> =>
  new Promise((resolve, reject) => core.query(sql, params, (error, result) => (error ? reject(error) : resolve(result as R))));

/** COM_CHANGE_USER to the gateway itself: MySQL drops the session's role, database, variables and open transaction. */
export const resetSession = (core: CoreConnection, gateway: GatewayLogin): Promise<void> =>
  new Promise((resolve, reject) =>
    core.changeUser({ user: gateway.user, password: gateway.password }, (error) => (error ? reject(error) : resolve())),
  );
