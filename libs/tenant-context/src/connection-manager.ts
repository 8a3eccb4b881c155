import { createHash } from 'node:crypto';
import type { TenantResolutionV1 } from '@helix/contracts';
import { isSafeIdentifier, quoteAccount, UnsafeIdentifierError } from '@helix/db';
import { AppError } from '@helix/http';
import mysql, { type Pool, type PoolConnection, type PoolOptions, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

/**
 * Step 3 of a robot request (bind): one bounded mysql2 pool per MySQL server, whatever the number
 * of tenants on it; each checkout runs under the tenant's own principal with its database as
 * default (COM_CHANGE_USER), so MySQL's privileges, not this code, keep tenants apart.
 * Why COM_CHANGE_USER and not roles, and what affinity buys: bench/tenant-switch.bench.ts.
 */

export type TenantDatabase = TenantResolutionV1['database'];

export interface BindableTenant {
  key: string;
  database: TenantDatabase;
}

/** What handlers get: SQL on the tenant's own connection and nothing else (no raw connection, no pool). */
export interface TenantDb {
  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  execute<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  /** BEGIN … COMMIT on the same connection; ROLLBACK and rethrow if `fn` fails. */
  transaction<T>(fn: (db: TenantDb) => Promise<T>): Promise<T>;
}

export type { ResultSetHeader };

export interface ConnectionManagerOptions {
  /** DB_MAX_CONNECTIONS: connections this instance may hold to one MySQL server. */
  maxConnectionsPerServer?: number;
  /** A connection idle this long is closed (checked every min(1 s, idleTimeoutMs / 2)). */
  idleTimeoutMs?: number;
  /** Callers allowed to wait for a connection per server; beyond it they get TENANT_DB_SATURATED. */
  queueLimit?: number;
  /** A caller waiting longer than this gets TENANT_DB_ACQUIRE_TIMEOUT. */
  acquireTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** An account holding no privileges at all (checked) that new connections log in as; see loginFor. */
  bootstrapUser?: { user: string; password: string };
  /**
   * Skip COM_CHANGE_USER when the connection is already logged in as the tenant, and hand a released
   * connection to a waiting caller of its tenant first (default true; false switches on every checkout).
   */
  affinity?: boolean;
  /** Among idle connections, hand out one already bound to the tenant (default true). */
  preferBoundIdle?: boolean;
  /**
   * After a principal fails to log in, its calls fail at once for this long (default 5 s): MariaDB
   * answers a failed COM_CHANGE_USER only after ~1 s, so retries would hold the server's budget.
   */
  loginFailureBackoffMs?: number;
}

export interface ServerStats {
  server: string;
  budget: number;
  open: number;
  idle: number;
  active: number;
  waiting: number;
  checkouts: number;
  switches: number;
  affinityHits: number;
  failedLogins: number;
}

export const TENANT_DB_ERROR_CODES = [
  'TENANT_DB_INVALID',
  'TENANT_DB_LOGIN_FAILED',
  'TENANT_DB_UNAVAILABLE',
  'TENANT_DB_SATURATED',
  'TENANT_DB_ACQUIRE_TIMEOUT',
  'TENANT_DB_HANDLE_RELEASED',
  'TENANT_DB_NESTED_TRANSACTION',
  'TENANT_DB_BOOTSTRAP_PRIVILEGED',
  'TENANT_DB_CLOSED',
] as const;
export type TenantDbErrorCode = (typeof TENANT_DB_ERROR_CODES)[number];

function tenantDbErrorMessage(code: TenantDbErrorCode): string {
  switch (code) {
    case 'TENANT_DB_INVALID':
      return 'Configuração do banco de dados do cliente inválida.';
    case 'TENANT_DB_LOGIN_FAILED':
      return 'Não foi possível acessar o banco de dados do cliente.';
    case 'TENANT_DB_UNAVAILABLE':
      return 'Banco de dados do cliente indisponível. Tente novamente em instantes.';
    case 'TENANT_DB_SATURATED':
    case 'TENANT_DB_ACQUIRE_TIMEOUT':
      return 'Serviço sobrecarregado. Tente novamente em instantes.';
    case 'TENANT_DB_HANDLE_RELEASED':
      return 'Acesso ao banco de dados fora da requisição que o obteve.';
    case 'TENANT_DB_NESTED_TRANSACTION':
      return 'Transação aninhada não é suportada.';
    case 'TENANT_DB_BOOTSTRAP_PRIVILEGED':
      return 'A conta de conexão inicial não pode ter privilégios.';
    case 'TENANT_DB_CLOSED':
      return 'Serviço encerrando.';
  }
}

const STATUS: Record<TenantDbErrorCode, number> = {
  TENANT_DB_INVALID: 500,
  TENANT_DB_LOGIN_FAILED: 503,
  TENANT_DB_UNAVAILABLE: 503,
  TENANT_DB_SATURATED: 503,
  TENANT_DB_ACQUIRE_TIMEOUT: 503,
  TENANT_DB_HANDLE_RELEASED: 500,
  TENANT_DB_NESTED_TRANSACTION: 500,
  TENANT_DB_BOOTSTRAP_PRIVILEGED: 500,
  TENANT_DB_CLOSED: 503,
};

export class TenantDbError extends AppError {
  constructor(
    code: TenantDbErrorCode,
    readonly tenantKey?: string,
    cause?: unknown,
  ) {
    const retry = STATUS[code] === 503 ? { 'Retry-After': '1' } : undefined;
    super(STATUS[code], code, tenantDbErrorMessage(code), undefined, retry);
    this.name = 'TenantDbError';
    this.cause = cause;
  }
}

/** Who a pooled connection is logged in as; no entry (bootstrap login, reset session, unknown) = switch before use. */
interface Principal {
  user: string;
  password: string;
  database: string;
}

/** The parts of mysql2 3.24's pool we read or steer; checked at pool creation (mysql2 is pinned). */
interface CorePoolInternals {
  config: { connectionConfig: Principal };
  _allConnections: RingQueue;
  _freeConnections: RingQueue;
  on(event: 'connection', listener: (connection: CoreConnection) => void): void;
}
interface RingQueue {
  readonly length: number;
  get(index: number): CoreConnection;
  removeOne(index: number): void;
  push(item: CoreConnection): void;
}
interface CoreConnection {
  config: Principal;
  /** Null once mysql2 removed it from the pool (closed, failed). */
  _pool: unknown;
  lastActiveTime: number;
  end(): void;
  query(sql: string, params: unknown[] | undefined, callback: Callback): void;
  execute(sql: string, params: unknown[] | undefined, callback: Callback): void;
  changeUser(options: Principal, callback: (error: Error | null) => void): void;
}
type Callback = (error: Error | null, result?: unknown) => void;

interface ServerPool {
  key: string;
  pool: Pool;
  core: CorePoolInternals;
  /** Requester-login mode: the last principal that logged in here, the safe default for deferred connects. */
  lastGood?: Principal;
  bootstrapVerified: boolean;
  sweeper: NodeJS.Timeout;
  /** Connections checked out by this manager, or being opened for it: never above the budget. */
  held: number;
  /** Callers waiting for one of them. Ours, not mysql2's: a released connection can go to a caller of its tenant. */
  waiters: Waiter[];
  active: number;
  checkouts: number;
  switches: number;
  affinityHits: number;
  failedLogins: number;
}

interface Waiter {
  target: Principal;
  tenantKey: string;
  /** How many later callers were served before this one (affinity), bounded by the budget. */
  overtaken: number;
  timer: NodeJS.Timeout;
  resolve(connection: PoolConnection): void;
  reject(error: unknown): void;
}

const HOST = /^[a-zA-Z0-9.:-]{1,255}$/;
const ACCESS_DENIED = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_ACCOUNT_HAS_BEEN_LOCKED', 'ER_PASSWORD_EXPIRED']);
/** Statements that leave no session state behind; anything else (BEGIN, SET, USE…) forces a re-login next time. */
const STATELESS = /^(?:\s|\(|\/\*[\s\S]*?\*\/|--[^\n]*\n|#[^\n]*\n)*(select|insert|update|delete|replace|with|values|table|show|explain|describe|desc)\b/i;

/** How far down the queue a released connection looks for a caller of its own tenant. */
const AFFINITY_WINDOW = 256;

const samePrincipal = (a: Principal | undefined, b: Principal) =>
  !!a && a.user === b.user && a.database === b.database && a.password === b.password;

/**
 * Statements go through mysql2's callback API: its promise wrapper captures a stack trace on every
 * call, a few percent of the robot's CPU at thousands of statements a second.
 */
const send = <R>(core: CoreConnection, method: 'query' | 'execute', sql: string, params?: unknown[]): Promise<R> =>
  new Promise((resolve, reject) => core[method](sql, params, (error, result) => (error ? reject(error) : resolve(result as R))));

const changeUser = (core: CoreConnection, target: Principal): Promise<void> =>
  new Promise((resolve, reject) =>
    core.changeUser({ user: target.user, password: target.password, database: target.database }, (error) => (error ? reject(error) : resolve())),
  );

export class TenantConnectionManager {
  private readonly servers = new Map<string, ServerPool>();
  /** Per pooled connection (mysql2's core object, stable across checkouts): the principal it is logged in as. */
  private readonly bindings = new WeakMap<object, Principal>();
  private readonly budget: number;
  private readonly idleTimeoutMs: number;
  private readonly queueLimit: number;
  private readonly acquireTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly affinity: boolean;
  private readonly preferBoundIdle: boolean;
  private readonly loginFailureBackoffMs: number;
  /** Fingerprint of a principal that failed to log in → until when its calls fail without trying. */
  private readonly recentLoginFailures = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: ConnectionManagerOptions = {}) {
    this.budget = options.maxConnectionsPerServer ?? 20;
    if (!Number.isInteger(this.budget) || this.budget < 1) throw new RangeError('maxConnectionsPerServer must be a positive integer');
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.queueLimit = options.queueLimit ?? 50 * this.budget;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 10_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.affinity = options.affinity ?? true;
    this.preferBoundIdle = options.preferBoundIdle ?? true;
    this.loginFailureBackoffMs = options.loginFailureBackoffMs ?? 5_000;
    if (options.bootstrapUser) quoteAccount(options.bootstrapUser.user, '%');
  }

  async withTenant<T>(tenant: BindableTenant, work: (db: TenantDb) => Promise<T>): Promise<T> {
    if (this.closed) throw new TenantDbError('TENANT_DB_CLOSED', tenant.key);
    const target = principalOf(tenant);
    const server = this.serverFor(tenant.database, target);
    if (this.recentlyFailedLogin(server, target)) throw new TenantDbError('TENANT_DB_LOGIN_FAILED', tenant.key);
    let connection: PoolConnection;
    try {
      connection = await this.acquire(server, target, tenant.key);
      await this.bind(server, connection, target, tenant.key);
    } catch (error) {
      if (error instanceof TenantDbError && error.code === 'TENANT_DB_LOGIN_FAILED') this.rememberFailedLogin(server, target);
      throw error;
    }
    return this.run(server, connection, tenant.key, work);
  }

  private loginFingerprint(server: ServerPool, principal: Principal): string {
    return createHash('sha256').update(`${server.key}\0${principal.user}\0${principal.database}\0${principal.password}`).digest('base64');
  }

  private recentlyFailedLogin(server: ServerPool, principal: Principal): boolean {
    if (this.recentLoginFailures.size === 0) return false;
    const fingerprint = this.loginFingerprint(server, principal);
    const until = this.recentLoginFailures.get(fingerprint);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.recentLoginFailures.delete(fingerprint);
    return false;
  }

  private rememberFailedLogin(server: ServerPool, principal: Principal): void {
    if (this.loginFailureBackoffMs <= 0) return;
    const now = Date.now();
    if (this.recentLoginFailures.size >= 10_000) {
      for (const [fingerprint, until] of this.recentLoginFailures) if (until <= now) this.recentLoginFailures.delete(fingerprint);
      if (this.recentLoginFailures.size >= 10_000) this.recentLoginFailures.clear();
    }
    this.recentLoginFailures.set(this.loginFingerprint(server, principal), now + this.loginFailureBackoffMs);
  }

  stats(): ServerStats[] {
    return [...this.servers.values()].map((s) => ({
      server: s.key,
      budget: this.budget,
      open: s.core._allConnections.length,
      idle: s.core._freeConnections.length,
      active: s.active,
      waiting: s.waiters.length,
      checkouts: s.checkouts,
      switches: s.switches,
      affinityHits: s.affinityHits,
      failedLogins: s.failedLogins,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.servers.values()];
    this.servers.clear();
    for (const s of pools) {
      clearInterval(s.sweeper);
      for (const waiter of s.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new TenantDbError('TENANT_DB_CLOSED', waiter.tenantKey));
      }
    }
    await Promise.all(pools.map((s) => s.pool.end()));
  }

  /** The free list is in release order (oldest first): close from its head while idle too long. */
  private closeIdle(core: CorePoolInternals): void {
    const free = core._freeConnections;
    const now = Date.now();
    while (free.length > 0 && now - free.get(0).lastActiveTime >= this.idleTimeoutMs) free.get(0).end();
  }

  private serverFor(database: TenantDatabase, first: Principal): ServerPool {
    const key = `${database.host.toLowerCase()}:${database.port}`;
    const existing = this.servers.get(key);
    if (existing) return existing;
    const login = this.options.bootstrapUser ? { ...this.options.bootstrapUser, database: undefined } : first;
    const pool = mysql.createPool({
      host: database.host,
      port: database.port,
      user: login.user,
      password: login.password,
      database: login.database,
      connectionLimit: this.budget,
      // mysql2's own idle sweep (only when maxIdle < connectionLimit) also closes connections just
      // for exceeding maxIdle, whatever their age; closeIdle below closes by age alone.
      maxIdle: this.budget,
      // The manager never asks mysql2 for more than the budget, so mysql2's own queue stays empty.
      waitForConnections: true,
      queueLimit: this.queueLimit,
      connectTimeout: this.connectTimeoutMs,
      enableKeepAlive: true,
      gracefulEnd: true,
      multipleStatements: false,
      // Every COM_CHANGE_USER empties mysql2's statement cache, and emptying it costs its capacity
      // (16,000 by default) whatever it holds; statements rarely outlive a switch anyway.
      maxPreparedStatements: 16,
      timezone: 'Z',
      dateStrings: false,
      decimalNumbers: true,
      supportBigNumbers: true,
      charset: 'utf8mb4_unicode_ci',
    } satisfies PoolOptions);
    const core = pool.pool as unknown as CorePoolInternals;
    if (!core.config?.connectionConfig || !core._allConnections || !core._freeConnections) {
      throw new Error('mysql2 pool internals changed: review TenantConnectionManager before upgrading mysql2');
    }
    // A new connection is logged in as whatever its own copy of the pool config says (mysql2 3.24
    // copies the config per connection), so that is what it is bound to until switched.
    core.on('connection', (connection) => {
      const { config } = connection;
      if (!this.options.bootstrapUser && config !== core.config.connectionConfig && config.database) {
        this.bindings.set(connection, { user: config.user, password: config.password, database: config.database });
      }
    });
    const sweeper = setInterval(() => this.closeIdle(core), Math.min(1_000, Math.max(50, this.idleTimeoutMs / 2)));
    sweeper.unref();
    const server: ServerPool = { key, pool, core, bootstrapVerified: false, sweeper, held: 0, waiters: [], active: 0, checkouts: 0, switches: 0, affinityHits: 0, failedLogins: 0 };
    this.servers.set(key, server);
    return server;
  }

  /**
   * New connections log in as `bootstrapUser` (verified to hold no privilege) or, without one, as the
   * tenant that asked for the connection: no connection ever holds more than one tenant's rights.
   */
  private loginFor(server: ServerPool, target: Principal): () => void {
    if (this.options.bootstrapUser) return () => undefined;
    const template = server.core.config.connectionConfig;
    Object.assign(template, target);
    // mysql2 may open a connection later for a queued caller (after one was destroyed): it must
    // then use credentials known to work, not whichever tenant asked last (maybe a wrong password).
    return () => {
      if (server.lastGood) Object.assign(template, server.lastGood);
    };
  }

  private acquire(server: ServerPool, target: Principal, tenantKey: string): Promise<PoolConnection> {
    if (server.held < this.budget && server.waiters.length === 0) return this.checkOut(server, target, tenantKey);
    if (server.waiters.length >= this.queueLimit) return Promise.reject(new TenantDbError('TENANT_DB_SATURATED', tenantKey));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        target,
        tenantKey,
        overtaken: 0,
        resolve,
        reject,
        timer: setTimeout(() => {
          const index = server.waiters.indexOf(waiter);
          if (index >= 0) server.waiters.splice(index, 1);
          reject(new TenantDbError('TENANT_DB_ACQUIRE_TIMEOUT', tenantKey));
        }, this.acquireTimeoutMs),
      };
      server.waiters.push(waiter);
    });
  }

  /** Takes one of the budget's slots: an idle connection from mysql2 (bound to `target` if any) or a new one. */
  private async checkOut(server: ServerPool, target: Principal, tenantKey: string): Promise<PoolConnection> {
    server.held++;
    if (this.affinity && this.preferBoundIdle) this.moveBoundIdleToTop(server, target);
    const restoreLogin = this.loginFor(server, target);
    // mysql2 pops a free connection or starts a new one synchronously inside getConnection().
    const pending = server.pool.getConnection();
    restoreLogin();
    try {
      const connection = await pending;
      server.checkouts++;
      return connection;
    } catch (error) {
      this.slotFreed(server);
      throw this.acquireError(server, error, tenantKey);
    }
  }

  /** A connection this manager held went back to mysql2's free list or is gone: its slot goes to the oldest waiter. */
  private slotFreed(server: ServerPool): void {
    server.held--;
    const next = server.waiters.shift();
    if (!next) return;
    clearTimeout(next.timer);
    this.checkOut(server, next.target, next.tenantKey).then(next.resolve, next.reject);
  }

  /**
   * At the end of a request: the connection goes straight to a waiting caller, preferably one of
   * the tenant it is bound to (no switch), unless the oldest waiter was already overtaken `budget`
   * times; with nobody waiting it goes back to mysql2's free list.
   */
  private handBack(server: ServerPool, connection: PoolConnection, reusable: boolean): void {
    const core = connection.connection as unknown as CoreConnection;
    if (!reusable || !core._pool) {
      connection.destroy();
      this.slotFreed(server);
      return;
    }
    if (server.waiters.length === 0) {
      connection.release();
      this.slotFreed(server);
      return;
    }
    const waiter = this.nextWaiter(server, this.bindings.get(core));
    clearTimeout(waiter.timer);
    server.checkouts++;
    waiter.resolve(connection);
  }

  private nextWaiter(server: ServerPool, binding: Principal | undefined): Waiter {
    const { waiters } = server;
    if (!this.affinity || !binding || waiters[0].overtaken >= this.budget) return waiters.shift()!;
    const window = Math.min(waiters.length, AFFINITY_WINDOW);
    for (let i = 0; i < window; i++) {
      if (samePrincipal(binding, waiters[i].target)) {
        for (let j = 0; j < i; j++) waiters[j].overtaken++;
        return waiters.splice(i, 1)[0];
      }
    }
    return waiters.shift()!;
  }

  private acquireError(server: ServerPool, error: unknown, tenantKey: string): TenantDbError {
    const { code, message } = (error ?? {}) as { code?: string; message?: string };
    if (code && ACCESS_DENIED.has(code)) {
      server.failedLogins++;
      return new TenantDbError('TENANT_DB_LOGIN_FAILED', tenantKey, error);
    }
    if (message === 'Pool is closed.') return new TenantDbError('TENANT_DB_CLOSED', tenantKey, error);
    return new TenantDbError('TENANT_DB_UNAVAILABLE', tenantKey, error);
  }

  /**
   * mysql2 hands out the most recently released idle connection and has no way to ask for a given
   * one; moving one already bound to the tenant to the top of its free list is the one lever.
   */
  private moveBoundIdleToTop(server: ServerPool, target: Principal): void {
    const free = server.core._freeConnections;
    for (let i = free.length - 1; i >= 0; i--) {
      const candidate = free.get(i);
      if (samePrincipal(this.bindings.get(candidate), target)) {
        if (i !== free.length - 1) {
          free.removeOne(i);
          free.push(candidate);
        }
        return;
      }
    }
  }

  /** Makes the connection run as `target`, or destroys it: a failed COM_CHANGE_USER leaves it logged in as before. */
  private async bind(server: ServerPool, connection: PoolConnection, target: Principal, tenantKey: string): Promise<void> {
    const core = connection.connection as unknown as object;
    if (this.affinity && samePrincipal(this.bindings.get(core), target)) {
      server.affinityHits++;
      server.lastGood = target;
      return;
    }
    this.bindings.delete(core);
    try {
      if (this.options.bootstrapUser && !server.bootstrapVerified) await this.verifyBootstrap(server, connection);
      server.switches++;
      await changeUser(connection.connection as unknown as CoreConnection, target);
    } catch (error) {
      this.handBack(server, connection, false);
      if (error instanceof TenantDbError) throw error;
      const code = (error as { code?: string }).code;
      if (code && ACCESS_DENIED.has(code)) {
        server.failedLogins++;
        throw new TenantDbError('TENANT_DB_LOGIN_FAILED', tenantKey, error);
      }
      throw new TenantDbError('TENANT_DB_UNAVAILABLE', tenantKey, error);
    }
    this.bindings.set(core, target);
    server.lastGood = target;
  }

  /** The bootstrap login must not be able to read anything, or a connection before its switch would be a risk. */
  private async verifyBootstrap(server: ServerPool, connection: PoolConnection): Promise<void> {
    const [rows] = await connection.query<RowDataPacket[]>('SHOW GRANTS FOR CURRENT_USER()');
    const grants = rows.map((row) => String(Object.values(row)[0]));
    if (!grants.every((grant) => /^GRANT USAGE ON \*\.\* TO /i.test(grant))) throw new TenantDbError('TENANT_DB_BOOTSTRAP_PRIVILEGED');
    server.bootstrapVerified = true;
  }

  private async run<T>(server: ServerPool, connection: PoolConnection, tenantKey: string, work: (db: TenantDb) => Promise<T>): Promise<T> {
    const core = connection.connection as unknown as CoreConnection;
    server.active++;
    const lease = { open: true, inTransaction: false, sessionTouched: false, broken: false, pending: new Set<Promise<unknown>>() };

    const track = <R>(sql: string, run: () => Promise<R>): Promise<R> => {
      if (!lease.open) return Promise.reject(new TenantDbError('TENANT_DB_HANDLE_RELEASED', tenantKey));
      if (!STATELESS.test(sql)) lease.sessionTouched = true;
      const promise = run();
      lease.pending.add(promise);
      const settle = () => lease.pending.delete(promise);
      promise.then(settle, settle);
      return promise;
    };
    const db: TenantDb = Object.freeze({
      query: <R = RowDataPacket[]>(sql: string, params?: unknown[]) => track(sql, () => send<R>(core, 'query', sql, params)),
      execute: <R = RowDataPacket[]>(sql: string, params?: unknown[]) => track(sql, () => send<R>(core, 'execute', sql, params)),
      transaction: async <R>(fn: (tx: TenantDb) => Promise<R>): Promise<R> => {
        if (!lease.open) throw new TenantDbError('TENANT_DB_HANDLE_RELEASED', tenantKey);
        if (lease.inTransaction) throw new TenantDbError('TENANT_DB_NESTED_TRANSACTION', tenantKey);
        lease.inTransaction = true;
        try {
          await send(core, 'query', 'BEGIN');
          const result = await fn(db);
          await send(core, 'query', 'COMMIT');
          return result;
        } catch (error) {
          await send(core, 'query', 'ROLLBACK').catch(() => {
            lease.broken = true;
          });
          throw error;
        } finally {
          lease.inTransaction = false;
        }
      },
    });

    let failed = false;
    try {
      return await work(db);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      lease.open = false;
      // Queries the handler started but did not await still run on this connection as this tenant.
      await Promise.allSettled([...lease.pending]);
      server.active--;
      // COM_CHANGE_USER resets the session (open transaction, variables, USE), so a connection
      // whose session may carry state is logged in again before its next use, even by this tenant.
      if (failed || lease.sessionTouched) this.bindings.delete(core);
      this.handBack(server, connection, !lease.broken);
    }
  }
}

function principalOf(tenant: BindableTenant): Principal {
  const { host, port, name, user, password } = tenant.database ?? ({} as TenantDatabase);
  try {
    if (typeof host !== 'string' || !HOST.test(host)) throw new UnsafeIdentifierError('host', String(host));
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UnsafeIdentifierError('port', String(port));
    if (typeof name !== 'string' || !isSafeIdentifier(name)) throw new UnsafeIdentifierError('database', String(name));
    quoteAccount(String(user), '%');
    // mysql2's changeUser falls back to the connection's current password when given an empty one.
    if (typeof password !== 'string' || password.length === 0) throw new UnsafeIdentifierError('password', '');
  } catch (error) {
    throw new TenantDbError('TENANT_DB_INVALID', tenant.key, error);
  }
  return { user, password, database: name };
}
