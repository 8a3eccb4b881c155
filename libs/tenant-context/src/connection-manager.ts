import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { FairCheckoutQueue } from './fair-checkout-queue';
import { holdsOnlyTenantRoles } from './gateway-grants';
import { LoginFailureBackoff } from './login-failure-backoff';
import {
  assertCheckedMysql2Version,
  coreOf,
  isPoolClosedError,
  isStillPooled,
  Mysql2Pool,
  send,
  type CoreConnection,
  type GatewayLogin,
} from './mysql2-pool.adapter';
import { isLoginRefused, TenantDbError } from './tenant-db-error';
import { tenantDestinationOf, type BindableTenant, type TenantDatabase, type TenantDestination } from './tenant-destination';
import { SessionRegistry, TenantLease, type SessionRoute, type SessionTarget, type TenantDb } from './tenant-session';

export type { ResultSetHeader } from 'mysql2/promise';
export { TenantDbError } from './tenant-db-error';
export type { BindableTenant } from './tenant-destination';
export type { TenantDb } from './tenant-session';

/**
 * Step 3 of a robot request (bind): one bounded mysql2 pool per MySQL server, whatever the number
 * of tenants on it, its connections shared out fairly across tenants (fair-checkout-queue.ts).
 * Connections log in as the vertical's gateway account, which holds no privilege of its own, only
 * the tenants' roles; each checkout takes the tenant's role with its database as default
 * (tenant-session.ts), so MySQL's privileges, not this code, keep tenants apart. Public catalogue
 * reads may instead take the vertical's catalogue reader, one role for all tenants that can read
 * nothing but their catalogue tables, on the same connections, budget and queue. Why roles and not
 * COM_CHANGE_USER to each tenant's own login, and what affinity buys: bench/tenant-switch.bench.ts.
 */

export interface ConnectionManagerOptions {
  /** DB_MAX_CONNECTIONS: connections this instance may hold to one MySQL server. */
  maxConnectionsPerServer?: number;
  /**
   * DB_MAX_CONNECTIONS_PER_TENANT: connections one tenant may hold on a server while another tenant
   * waits for one (default the larger of 2 and a quarter of the budget); alone, it may use them all.
   */
  maxConnectionsPerTenant?: number;
  /** A connection idle this long is closed (checked every min(1 s, idleTimeoutMs / 2)). */
  idleTimeoutMs?: number;
  /**
   * Callers allowed to wait for a connection per server, at most half of them of one tenant; beyond
   * either they get TENANT_DB_SATURATED.
   */
  queueLimit?: number;
  /** A caller waiting longer than this gets TENANT_DB_ACQUIRE_TIMEOUT. */
  acquireTimeoutMs?: number;
  connectTimeoutMs?: number;
  /**
   * Skip the switch when the connection already holds the tenant's role (default true; false
   * switches on every checkout). Never at fairness' expense: a released connection goes to the
   * tenant whose turn it is, and spares a switch only when that tenant is the one it is bound to.
   */
  affinity?: boolean;
  /** Among idle connections, hand out one already bound to the tenant (default true). */
  preferBoundIdle?: boolean;
  /** After a tenant's switch or a gateway's login fails, its calls fail at once for this long (default 5 s). */
  loginFailureBackoffMs?: number;
  /** CATALOGUE_READER: public catalogue reads take the reader a resolution names (default true); false keeps them on the tenant's role. */
  catalogueReader?: boolean;
}

export interface ServerStats {
  server: string;
  budget: number;
  /** Connections one tenant may hold while another waits. */
  tenantShare: number;
  open: number;
  idle: number;
  active: number;
  waiting: number;
  /** Tenants with callers waiting. */
  waitingTenants: number;
  checkouts: number;
  /** Checkouts that had to take another tenant's role. */
  switches: number;
  affinityHits: number;
  /** Times a free connection passed over a waiting tenant because it held its share while another tenant waited. */
  shareSkips: number;
  /** Callers refused (TENANT_DB_SATURATED) because their tenant already had half of the queue. */
  tenantQueueRefusals: number;
  /** Sessions reset (COM_CHANGE_USER back to the gateway) because a request left state in them. */
  resets: number;
  failedLogins: number;
}

interface ServerPool {
  key: string;
  pool: Mysql2Pool;
  /** Who holds the budget's slots (connections checked out by this manager, or being opened for it) and who waits for one. */
  queue: FairCheckoutQueue<Waiter>;
  gatewayVerified: boolean;
  active: number;
  checkouts: number;
  switches: number;
  affinityHits: number;
  resets: number;
  failedLogins: number;
}

interface Waiter {
  target: SessionTarget;
  tenantKey: string;
  /** Set once the caller is in line. */
  timer?: NodeJS.Timeout;
  resolve(connection: PoolConnection): void;
  reject(error: unknown): void;
}

/** The default share: a quarter of the budget, but never fewer than 2 connections. */
const defaultTenantShare = (budget: number) => Math.max(2, Math.floor(budget / 4));

/** At most half of the queue for one tenant (all of a queue of one). */
const tenantQueueLimitOf = (queueLimit: number) => Math.max(Math.min(queueLimit, 1), Math.floor(queueLimit / 2));

const positiveInteger = (value: number, name: string) => {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
};

export class TenantConnectionManager {
  private readonly servers = new Map<string, ServerPool>();
  private readonly sessions = new SessionRegistry();
  /** Per resolution's `database` (one object for all its requests until a refresh replaces it): checked and quoted once. */
  private readonly destinations = new WeakMap<TenantDatabase, TenantDestination>();
  private readonly budget: number;
  private readonly tenantShare: number;
  private readonly idleTimeoutMs: number;
  private readonly queueLimit: number;
  private readonly acquireTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly affinity: boolean;
  private readonly preferBoundIdle: boolean;
  private readonly loginFailures: LoginFailureBackoff;
  private readonly catalogueReader: boolean;
  private closed = false;

  constructor(options: ConnectionManagerOptions = {}) {
    assertCheckedMysql2Version();
    this.budget = positiveInteger(options.maxConnectionsPerServer ?? 20, 'maxConnectionsPerServer');
    this.tenantShare = positiveInteger(options.maxConnectionsPerTenant ?? defaultTenantShare(this.budget), 'maxConnectionsPerTenant');
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.queueLimit = options.queueLimit ?? 50 * this.budget;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 10_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.affinity = options.affinity ?? true;
    this.preferBoundIdle = options.preferBoundIdle ?? true;
    this.loginFailures = new LoginFailureBackoff(options.loginFailureBackoffMs ?? 5_000);
    this.catalogueReader = options.catalogueReader ?? true;
  }

  /** `work` under the tenant's own role, its database the default. */
  withTenant<T>(tenant: BindableTenant, work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.checkout(tenant, (destination) => destination.own, work);
  }

  /**
   * Public catalogue reads only: `work` under the vertical's catalogue reader (tables named through
   * `db.table`), or under the tenant's role when its resolution names no reader or this manager
   * does not use it.
   */
  withCatalogueReader<T>(tenant: BindableTenant, work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.checkout(tenant, (destination) => (this.catalogueReader && destination.catalogue) || destination.own, work);
  }

  stats(): ServerStats[] {
    return [...this.servers.values()].map((s) => ({
      server: s.key,
      budget: this.budget,
      tenantShare: this.tenantShare,
      open: s.pool.open,
      idle: s.pool.idle,
      active: s.active,
      checkouts: s.checkouts,
      switches: s.switches,
      affinityHits: s.affinityHits,
      ...s.queue.stats(),
      resets: s.resets,
      failedLogins: s.failedLogins,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.servers.values()];
    this.servers.clear();
    for (const s of pools) {
      for (const waiter of s.queue.drain()) {
        clearTimeout(waiter.timer);
        waiter.reject(new TenantDbError('TENANT_DB_CLOSED', waiter.tenantKey));
      }
    }
    await Promise.all(pools.map((s) => s.pool.end()));
  }

  private async checkout<T>(
    tenant: BindableTenant,
    routeOf: (destination: TenantDestination) => SessionRoute,
    work: (db: TenantDb) => Promise<T>,
  ): Promise<T> {
    if (this.closed) throw new TenantDbError('TENANT_DB_CLOSED', tenant.key);
    const destination = this.destinationOf(tenant);
    const { gateway } = destination;
    const route = routeOf(destination);
    const server = this.serverFor(destination.server, tenant.database, gateway);
    const fingerprint = () => LoginFailureBackoff.fingerprint(server.key, route.refusalKey, gateway);
    if (this.loginFailures.isBackingOff(fingerprint)) throw new TenantDbError('TENANT_DB_LOGIN_FAILED', tenant.key);
    const refused = () => this.loginFailures.remember(fingerprint());
    let connection: PoolConnection;
    try {
      connection = await this.acquire(server, route.target, tenant.key);
      await this.prepare(server, connection, gateway, tenant.key);
    } catch (error) {
      if (error instanceof TenantDbError && error.code === 'TENANT_DB_LOGIN_FAILED') refused();
      throw error;
    }
    return this.run(server, connection, route, tenant.key, work, refused);
  }

  private destinationOf(tenant: BindableTenant): TenantDestination {
    let known = this.destinations.get(tenant.database);
    if (!known) {
      known = tenantDestinationOf(tenant);
      this.destinations.set(tenant.database, known);
    }
    return known;
  }

  private serverFor(key: string, database: TenantDatabase, gateway: GatewayLogin): ServerPool {
    const existing = this.servers.get(key);
    if (existing) {
      existing.pool.useLogin(gateway);
      return existing;
    }
    const server: ServerPool = {
      key,
      pool: new Mysql2Pool({
        host: database.host,
        port: database.port,
        gateway,
        connectionLimit: this.budget,
        connectTimeoutMs: this.connectTimeoutMs,
        idleTimeoutMs: this.idleTimeoutMs,
      }),
      queue: new FairCheckoutQueue({
        budget: this.budget,
        tenantShare: this.tenantShare,
        queueLimit: this.queueLimit,
        tenantQueueLimit: tenantQueueLimitOf(this.queueLimit),
      }),
      gatewayVerified: false,
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

  private acquire(server: ServerPool, target: SessionTarget, tenantKey: string): Promise<PoolConnection> {
    if (server.queue.tryTake(tenantKey)) return this.checkOut(server, target, tenantKey);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { target, tenantKey, resolve, reject };
      if (!server.queue.enqueue(tenantKey, waiter)) return reject(new TenantDbError('TENANT_DB_SATURATED', tenantKey));
      waiter.timer = setTimeout(() => {
        server.queue.withdraw(tenantKey, waiter);
        reject(new TenantDbError('TENANT_DB_ACQUIRE_TIMEOUT', tenantKey));
        // Its tenant may have been the only other one waiting: a tenant held at its share may go on.
        this.serveWaiters(server);
      }, this.acquireTimeoutMs);
    });
  }

  /** Fills a slot the queue gave: an idle connection from mysql2 (bound to `target` if any) or a new one. */
  private async checkOut(server: ServerPool, target: SessionTarget, tenantKey: string): Promise<PoolConnection> {
    if (this.affinity && this.preferBoundIdle) server.pool.preferIdle((core) => this.sessions.boundTarget(core) === target.key);
    try {
      const connection = await server.pool.getConnection();
      server.checkouts++;
      return connection;
    } catch (error) {
      server.queue.release(tenantKey);
      this.serveWaiters(server);
      throw this.connectionError(server, error, tenantKey);
    }
  }

  /** Free slots go to waiting callers, in turn, as long as the queue grants them. */
  private serveWaiters(server: ServerPool): void {
    for (let next = server.queue.nextGrant(); next; next = server.queue.nextGrant()) {
      clearTimeout(next.timer);
      this.checkOut(server, next.target, next.tenantKey).then(next.resolve, next.reject);
    }
  }

  /**
   * At the end of a checkout: the tenant's slot goes to the caller whose turn it is, with the
   * connection itself when it can serve again (no switch if that caller is of the tenant it is
   * bound to); with nobody to serve it goes back to mysql2's free list.
   */
  private handBack(server: ServerPool, connection: PoolConnection, tenantKey: string, reusable: boolean): void {
    server.queue.release(tenantKey);
    if (!reusable || !isStillPooled(connection)) {
      connection.destroy();
      this.serveWaiters(server);
      return;
    }
    const next = server.queue.nextGrant();
    if (!next) {
      connection.release();
      return;
    }
    clearTimeout(next.timer);
    server.checkouts++;
    next.resolve(connection);
  }

  /** No usable connection: a refused login (counted), the pool closing, or the server unavailable. */
  private connectionError(server: ServerPool, error: unknown, tenantKey: string): TenantDbError {
    if (isLoginRefused(error)) {
      server.failedLogins++;
      return new TenantDbError('TENANT_DB_LOGIN_FAILED', tenantKey, error);
    }
    if (isPoolClosedError(error)) return new TenantDbError('TENANT_DB_CLOSED', tenantKey, error);
    return new TenantDbError('TENANT_DB_UNAVAILABLE', tenantKey, error);
  }

  /** Before a checkout's first statement: the gateway checked once per server, a session with leftovers reset. */
  private async prepare(server: ServerPool, connection: PoolConnection, gateway: GatewayLogin, tenantKey: string): Promise<void> {
    const core = coreOf(connection);
    try {
      if (!server.gatewayVerified) await this.verifyGateway(server, core);
      if (await this.sessions.resetIfDirty(core, gateway)) server.resets++;
    } catch (error) {
      this.handBack(server, connection, tenantKey, false);
      throw error instanceof TenantDbError ? error : this.connectionError(server, error, tenantKey);
    }
  }

  /** A connection holds the gateway's rights before its first switch: they must be nothing but tenant roles. */
  private async verifyGateway(server: ServerPool, core: CoreConnection): Promise<void> {
    const rows = await send<RowDataPacket[]>(core, 'SHOW GRANTS FOR CURRENT_USER()');
    if (!holdsOnlyTenantRoles(rows.map((row) => String(Object.values(row)[0])))) throw new TenantDbError('TENANT_DB_GATEWAY_PRIVILEGED');
    server.gatewayVerified = true;
  }

  private async run<T>(
    server: ServerPool,
    connection: PoolConnection,
    route: SessionRoute,
    tenantKey: string,
    work: (db: TenantDb) => Promise<T>,
    refused: () => void,
  ): Promise<T> {
    const core = coreOf(connection);
    server.active++;
    const bound = this.affinity && this.sessions.boundTarget(core) === route.target.key;
    if (bound) server.affinityHits++;
    else server.switches++;
    const lease = new TenantLease(core, route, tenantKey, this.sessions, bound, () => {
      server.failedLogins++;
      refused();
    });
    let failed = false;
    try {
      return await work(lease.db);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const { reusable } = await lease.end(failed);
      server.active--;
      this.handBack(server, connection, tenantKey, reusable);
    }
  }
}
