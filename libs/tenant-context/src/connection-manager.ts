import { createHash } from 'node:crypto';
import type { TenantResolutionV1 } from '@helix/contracts';
import { isSafeIdentifier, isServerHost, quoteAccount, quoteIdentifier, UnsafeIdentifierError } from '@helix/db';
import { AppError } from '@helix/http';
import mysql, { type Pool, type PoolConnection, type PoolOptions, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

/**
 * Step 3 of a robot request (bind): one bounded mysql2 pool per MySQL server, whatever the number
 * of tenants on it. Connections log in as the vertical's gateway account, which holds no privilege
 * of its own, only the tenants' roles; each checkout takes the tenant's role with its database as
 * default (`SET ROLE r; USE db;`, sent in the same packet as the request's first statement), so
 * MySQL's privileges, not this code, keep tenants apart. Why roles and not COM_CHANGE_USER to each
 * tenant's own login, and what affinity buys: bench/tenant-switch.bench.ts.
 */

/** What the manager needs of a resolution's `database`: where, which database, which role, which login. */
export type TenantDatabase = Pick<TenantResolutionV1['database'], 'host' | 'port' | 'name' | 'role' | 'gateway'>;

export interface BindableTenant {
  key: string;
  database: TenantDatabase;
}

/**
 * What handlers get: SQL on the tenant's own connection and nothing else (no raw connection, no
 * pool). Text protocol only: a prepared statement stays bound to the database it was prepared in,
 * so it must not outlive a switch to another tenant.
 */
export interface TenantDb {
  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
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
  /**
   * Skip the switch when the connection already holds the tenant's role, and hand a released
   * connection to a waiting caller of its tenant first (default true; false switches on every checkout).
   */
  affinity?: boolean;
  /** Among idle connections, hand out one already bound to the tenant (default true). */
  preferBoundIdle?: boolean;
  /** After a tenant's switch or a gateway's login fails, its calls fail at once for this long (default 5 s). */
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
  /** Checkouts that had to take another tenant's role. */
  switches: number;
  affinityHits: number;
  /** Sessions reset (COM_CHANGE_USER back to the gateway) because a request left state in them. */
  resets: number;
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
  'TENANT_DB_MULTI_STATEMENT',
  'TENANT_DB_GATEWAY_PRIVILEGED',
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
    case 'TENANT_DB_MULTI_STATEMENT':
      return 'Comando SQL com mais de uma instrução recusado.';
    case 'TENANT_DB_GATEWAY_PRIVILEGED':
      return 'A conta de acesso dos robôs não pode ter privilégios próprios.';
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
  TENANT_DB_MULTI_STATEMENT: 500,
  TENANT_DB_GATEWAY_PRIVILEGED: 500,
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

interface Gateway {
  user: string;
  password: string;
}

/** What a checkout must run as: `key` names it in the connection bindings, `switchSql` takes it. */
interface Target {
  key: string;
  database: string;
  switchSql: string;
}

/** A resolution's database worked out for the manager: where (`server`, its pool's key), as whom, as what. */
interface Destination {
  server: string;
  target: Target;
  gateway: Gateway;
}

/** The parts of mysql2 3.24's pool we read or steer; checked at pool creation (mysql2 is pinned). */
interface CorePoolInternals {
  config: { connectionConfig: Gateway };
  _allConnections: RingQueue;
  _freeConnections: RingQueue;
}
interface RingQueue {
  readonly length: number;
  get(index: number): CoreConnection;
  removeOne(index: number): void;
  push(item: CoreConnection): void;
}
interface CoreConnection {
  /** Null once mysql2 removed it from the pool (closed, failed). */
  _pool: unknown;
  lastActiveTime: number;
  end(): void;
  query(sql: string, params: unknown[] | undefined, callback: Callback): void;
  changeUser(options: Gateway, callback: (error: Error | null) => void): void;
}
type Callback = (error: Error | null, result?: unknown) => void;

interface ServerPool {
  key: string;
  pool: Pool;
  core: CorePoolInternals;
  gatewayVerified: boolean;
  sweeper: NodeJS.Timeout;
  /** Connections checked out by this manager, or being opened for it: never above the budget. */
  held: number;
  /** Callers waiting for one of them. Ours, not mysql2's: a released connection can go to a caller of its tenant. */
  waiters: Waiter[];
  active: number;
  checkouts: number;
  switches: number;
  affinityHits: number;
  resets: number;
  failedLogins: number;
}

interface Waiter {
  target: Target;
  tenantKey: string;
  /** How many later callers were served before this one (affinity), bounded by the budget. */
  overtaken: number;
  timer: NodeJS.Timeout;
  resolve(connection: PoolConnection): void;
  reject(error: unknown): void;
}

/** Logins refused; MariaDB answers an unknown user (a dropped gateway) with either of the first two (which one depends on the name and the server's accounts). */
const ACCESS_DENIED = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_ACCOUNT_HAS_BEEN_LOCKED', 'ER_PASSWORD_EXPIRED']);
/** MariaDB's ER_INVALID_ROLE (mysql2 has no name for it): the role is gone or not granted to the gateway. */
const INVALID_ROLE = 1959;
/** Statements that leave no session state behind; anything else (SET, USE, BEGIN outside transaction()…) forces a reset next time. */
const STATELESS = /^(?:\s|\(|\/\*[\s\S]*?\*\/|--[^\n]*\n|#[^\n]*\n)*(select|insert|update|delete|replace|with|values|table|show|explain|describe|desc)\b/i;
/** Grants the gateway may hold: the login itself and tenant roles (none it could pass on), nothing on any object. */
const ROLE_NAME = '`[a-z0-9_]+`(?:@`[^`]*`)?';
const GATEWAY_GRANT = new RegExp(`^GRANT (?:USAGE ON \\*\\.\\* TO |${ROLE_NAME}(?:, ?${ROLE_NAME})* TO )`);

/** How far down the queue a released connection looks for a caller of its own tenant. */
const AFFINITY_WINDOW = 256;

/**
 * Statements go through mysql2's callback API: its promise wrapper captures a stack trace on every
 * call, a few percent of the robot's CPU at thousands of statements a second.
 */
const send = <R>(core: CoreConnection, sql: string, params?: unknown[]): Promise<R> =>
  new Promise((resolve, reject) => core.query(sql, params, (error, result) => (error ? reject(error) : resolve(result as R))));

/** COM_CHANGE_USER to the gateway itself: MySQL drops the session's role, database, variables and open transaction. */
const resetSession = (core: CoreConnection, gateway: Gateway): Promise<void> =>
  new Promise((resolve, reject) => core.changeUser({ user: gateway.user, password: gateway.password }, (error) => (error ? reject(error) : resolve())));

const isLoginRefused = (error: unknown) => ACCESS_DENIED.has((error as { code?: string } | null)?.code ?? '');

/** The switch's own statements failed (role gone or not granted, role without its database), not the request's. */
const isSwitchRefused = (error: unknown, database: string) => {
  const { errno, code, sqlMessage } = (error ?? {}) as { errno?: number; code?: string; sqlMessage?: string };
  return errno === INVALID_ROLE || (code === 'ER_DBACCESS_DENIED_ERROR' && !!sqlMessage?.endsWith(`database '${database}'`));
};

export class TenantConnectionManager {
  private readonly servers = new Map<string, ServerPool>();
  /** Per pooled connection (mysql2's core object, stable across checkouts): the target whose role and database it holds. */
  private readonly bindings = new WeakMap<object, string>();
  /** Connections whose session a request may have left state in: reset before their next use. */
  private readonly dirty = new WeakSet<object>();
  /** Per resolution's `database` (one object for all its requests until a refresh replaces it): checked and quoted once. */
  private readonly destinations = new WeakMap<TenantDatabase, Destination>();
  private readonly budget: number;
  private readonly idleTimeoutMs: number;
  private readonly queueLimit: number;
  private readonly acquireTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly affinity: boolean;
  private readonly preferBoundIdle: boolean;
  private readonly loginFailureBackoffMs: number;
  /** Fingerprint of a target whose switch or login failed → until when its calls fail without trying. */
  private readonly recentLoginFailures = new Map<string, number>();
  private closed = false;

  constructor(options: ConnectionManagerOptions = {}) {
    this.budget = options.maxConnectionsPerServer ?? 20;
    if (!Number.isInteger(this.budget) || this.budget < 1) throw new RangeError('maxConnectionsPerServer must be a positive integer');
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.queueLimit = options.queueLimit ?? 50 * this.budget;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 10_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.affinity = options.affinity ?? true;
    this.preferBoundIdle = options.preferBoundIdle ?? true;
    this.loginFailureBackoffMs = options.loginFailureBackoffMs ?? 5_000;
  }

  async withTenant<T>(tenant: BindableTenant, work: (db: TenantDb) => Promise<T>): Promise<T> {
    if (this.closed) throw new TenantDbError('TENANT_DB_CLOSED', tenant.key);
    const { target, gateway, server: serverKey } = this.destinationOf(tenant);
    const server = this.serverFor(serverKey, tenant.database, gateway);
    const fingerprint = () => createHash('sha256').update(`${server.key}\0${target.key}\0${gateway.user}\0${gateway.password}`).digest('base64');
    if (this.recentlyFailedLogin(fingerprint)) throw new TenantDbError('TENANT_DB_LOGIN_FAILED', tenant.key);
    const refused = () => this.rememberFailedLogin(fingerprint());
    let connection: PoolConnection;
    try {
      connection = await this.acquire(server, target, tenant.key);
      await this.prepare(server, connection, gateway, tenant.key);
    } catch (error) {
      if (error instanceof TenantDbError && error.code === 'TENANT_DB_LOGIN_FAILED') refused();
      throw error;
    }
    return this.run(server, connection, target, tenant.key, work, refused);
  }

  private destinationOf(tenant: BindableTenant): Destination {
    let known = this.destinations.get(tenant.database);
    if (!known) {
      known = checkedDestination(tenant);
      this.destinations.set(tenant.database, known);
    }
    return known;
  }

  private recentlyFailedLogin(fingerprintOf: () => string): boolean {
    if (this.recentLoginFailures.size === 0) return false;
    const fingerprint = fingerprintOf();
    const until = this.recentLoginFailures.get(fingerprint);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.recentLoginFailures.delete(fingerprint);
    return false;
  }

  private rememberFailedLogin(fingerprint: string): void {
    if (this.loginFailureBackoffMs <= 0) return;
    const now = Date.now();
    if (this.recentLoginFailures.size >= 10_000) {
      for (const [key, until] of this.recentLoginFailures) if (until <= now) this.recentLoginFailures.delete(key);
      if (this.recentLoginFailures.size >= 10_000) this.recentLoginFailures.clear();
    }
    this.recentLoginFailures.set(fingerprint, now + this.loginFailureBackoffMs);
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
      resets: s.resets,
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

  private serverFor(key: string, database: TenantDatabase, gateway: Gateway): ServerPool {
    const existing = this.servers.get(key);
    if (existing) {
      // A new gateway password (rotation) applies to the connections opened from now on; open ones stay logged in.
      const login = existing.core.config.connectionConfig;
      if (login.user !== gateway.user || login.password !== gateway.password) Object.assign(login, gateway);
      return existing;
    }
    const pool = mysql.createPool({
      host: database.host,
      port: database.port,
      user: gateway.user,
      password: gateway.password,
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
      // The switch rides in the same packet as the request's first statement; TenantDb refuses any
      // SQL text with a `;`, so only the switch this manager writes can add a statement.
      multipleStatements: true,
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
    const sweeper = setInterval(() => this.closeIdle(core), Math.min(1_000, Math.max(50, this.idleTimeoutMs / 2)));
    sweeper.unref();
    const server: ServerPool = {
      key,
      pool,
      core,
      gatewayVerified: false,
      sweeper,
      held: 0,
      waiters: [],
      active: 0,
      checkouts: 0,
      switches: 0,
      affinityHits: 0,
      resets: 0,
      failedLogins: 0,
    };
    this.servers.set(key, server);
    return server;
  }

  private acquire(server: ServerPool, target: Target, tenantKey: string): Promise<PoolConnection> {
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
  private async checkOut(server: ServerPool, target: Target, tenantKey: string): Promise<PoolConnection> {
    server.held++;
    if (this.affinity && this.preferBoundIdle) this.moveBoundIdleToTop(server, target);
    try {
      const connection = await server.pool.getConnection();
      server.checkouts++;
      return connection;
    } catch (error) {
      this.slotFreed(server);
      throw this.connectionError(server, error, tenantKey);
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
    const waiter = this.nextWaiter(server, this.boundTarget(core));
    clearTimeout(waiter.timer);
    server.checkouts++;
    waiter.resolve(connection);
  }

  /** The target a connection can serve without a switch; none while its session needs a reset. */
  private boundTarget(core: object): string | undefined {
    return this.dirty.has(core) ? undefined : this.bindings.get(core);
  }

  private nextWaiter(server: ServerPool, binding: string | undefined): Waiter {
    const { waiters } = server;
    if (!this.affinity || !binding || waiters[0].overtaken >= this.budget) return waiters.shift()!;
    const window = Math.min(waiters.length, AFFINITY_WINDOW);
    for (let i = 0; i < window; i++) {
      if (waiters[i].target.key === binding) {
        for (let j = 0; j < i; j++) waiters[j].overtaken++;
        return waiters.splice(i, 1)[0];
      }
    }
    return waiters.shift()!;
  }

  /** No usable connection: a refused login (counted), the pool closing, or the server unavailable. */
  private connectionError(server: ServerPool, error: unknown, tenantKey: string): TenantDbError {
    if (isLoginRefused(error)) {
      server.failedLogins++;
      return new TenantDbError('TENANT_DB_LOGIN_FAILED', tenantKey, error);
    }
    if ((error as Error | null)?.message === 'Pool is closed.') return new TenantDbError('TENANT_DB_CLOSED', tenantKey, error);
    return new TenantDbError('TENANT_DB_UNAVAILABLE', tenantKey, error);
  }

  /**
   * mysql2 hands out the most recently released idle connection and has no way to ask for a given
   * one; moving one already bound to the tenant to the top of its free list is the one lever.
   */
  private moveBoundIdleToTop(server: ServerPool, target: Target): void {
    const free = server.core._freeConnections;
    for (let i = free.length - 1; i >= 0; i--) {
      const candidate = free.get(i);
      if (this.boundTarget(candidate) === target.key) {
        if (i !== free.length - 1) {
          free.removeOne(i);
          free.push(candidate);
        }
        return;
      }
    }
  }

  /** Before a checkout's first statement: the gateway checked once per server, a session with leftovers reset. */
  private async prepare(server: ServerPool, connection: PoolConnection, gateway: Gateway, tenantKey: string): Promise<void> {
    const core = connection.connection as unknown as CoreConnection;
    try {
      if (!server.gatewayVerified) await this.verifyGateway(server, core);
      if (this.dirty.has(core)) {
        this.bindings.delete(core);
        server.resets++;
        await resetSession(core, gateway);
        this.dirty.delete(core);
      }
    } catch (error) {
      this.handBack(server, connection, false);
      throw error instanceof TenantDbError ? error : this.connectionError(server, error, tenantKey);
    }
  }

  /** A connection holds the gateway's rights before its first switch: they must be nothing but tenant roles. */
  private async verifyGateway(server: ServerPool, core: CoreConnection): Promise<void> {
    const rows = await send<RowDataPacket[]>(core, 'SHOW GRANTS FOR CURRENT_USER()');
    const grants = rows.map((row) => String(Object.values(row)[0]));
    if (!grants.every((grant) => GATEWAY_GRANT.test(grant) && !/ WITH (GRANT|ADMIN) OPTION/.test(grant))) throw new TenantDbError('TENANT_DB_GATEWAY_PRIVILEGED');
    server.gatewayVerified = true;
  }

  private async run<T>(
    server: ServerPool,
    connection: PoolConnection,
    target: Target,
    tenantKey: string,
    work: (db: TenantDb) => Promise<T>,
    refused: () => void,
  ): Promise<T> {
    const core = connection.connection as unknown as CoreConnection;
    server.active++;
    const bound = this.affinity && this.boundTarget(core) === target.key;
    if (bound) server.affinityHits++;
    else server.switches++;
    const lease = { open: true, bound, inTransaction: false, sessionTouched: false, broken: false, pending: new Set<Promise<unknown>>() };

    /**
     * Until one statement has run under the tenant's role, every statement carries the switch: if
     * it fails (role gone, not granted) MySQL runs nothing after it in that packet, so no statement
     * can run under whatever role the connection held before.
     */
    const statement = async <R>(sql: string, params?: unknown[]): Promise<R> => {
      if (sql.includes(';')) throw new TenantDbError('TENANT_DB_MULTI_STATEMENT', tenantKey);
      if (lease.bound) return send<R>(core, sql, params);
      this.bindings.delete(core);
      let results: unknown[];
      try {
        results = await send<unknown[]>(core, target.switchSql + sql, params);
      } catch (error) {
        if (!isSwitchRefused(error, target.database)) throw error;
        server.failedLogins++;
        refused();
        throw new TenantDbError('TENANT_DB_LOGIN_FAILED', tenantKey, error);
      }
      lease.bound = true;
      this.bindings.set(core, target.key);
      return results[2] as R;
    };

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
      query: <R = RowDataPacket[]>(sql: string, params?: unknown[]) => track(sql, () => statement<R>(sql, params)),
      transaction: async <R>(fn: (tx: TenantDb) => Promise<R>): Promise<R> => {
        if (!lease.open) throw new TenantDbError('TENANT_DB_HANDLE_RELEASED', tenantKey);
        if (lease.inTransaction) throw new TenantDbError('TENANT_DB_NESTED_TRANSACTION', tenantKey);
        lease.inTransaction = true;
        try {
          await statement('BEGIN');
          try {
            const result = await fn(db);
            await send(core, 'COMMIT');
            return result;
          } catch (error) {
            await send(core, 'ROLLBACK').catch(() => {
              lease.broken = true;
            });
            throw error;
          }
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
      if (failed || lease.sessionTouched) this.dirty.add(core);
      this.handBack(server, connection, !lease.broken);
    }
  }
}

function checkedDestination(tenant: BindableTenant): Destination {
  const { host, port, name, role, gateway } = tenant.database ?? ({} as TenantDatabase);
  try {
    if (!isServerHost(host)) throw new UnsafeIdentifierError('host', String(host));
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UnsafeIdentifierError('port', String(port));
    if (typeof name !== 'string' || !isSafeIdentifier(name)) throw new UnsafeIdentifierError('database', String(name));
    if (typeof role !== 'string' || !isSafeIdentifier(role)) throw new UnsafeIdentifierError('role', String(role));
    quoteAccount(String(gateway?.user), '%');
    // mysql2 falls back to the connection's current password when given an empty one.
    if (typeof gateway.password !== 'string' || gateway.password.length === 0) throw new UnsafeIdentifierError('password', '');
  } catch (error) {
    throw new TenantDbError('TENANT_DB_INVALID', tenant.key, error);
  }
  return {
    server: `${host.toLowerCase()}:${port}`,
    target: { key: `${role}\0${name}`, database: name, switchSql: `SET ROLE ${quoteIdentifier(role)}; USE ${quoteIdentifier(name)}; ` },
    gateway: { user: gateway.user, password: gateway.password },
  };
}
