import { quoteIdentifier } from '@helix/db';
import type { RowDataPacket } from 'mysql2/promise';
import { resetSession, send, type CoreConnection, type GatewayLogin } from './mysql2-pool.adapter';
import { TenantDbError } from './tenant-db-error';

/**
 * What handlers get: SQL on the tenant's own connection and nothing else (no raw connection, no
 * pool). Text protocol only: a prepared statement stays bound to the database it was prepared in,
 * so it must not outlive a switch to another tenant.
 */
export interface TenantDb {
  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  /** BEGIN … COMMIT on the same connection; ROLLBACK and rethrow if `fn` fails. */
  transaction<T>(fn: (db: TenantDb) => Promise<T>): Promise<T>;
  /**
   * How SQL on this handle names one of the tenant's tables (a code constant): `` `cars` `` under the
   * tenant's role, whose database is the default; `` `db`.`cars` `` under the catalogue reader, which
   * serves every tenant and has none. Repositories never name a database themselves.
   */
  table(name: string): string;
}

/** What a checkout must run as: `key` names it in the session registry, `switchSql` takes it. */
export interface SessionTarget {
  key: string;
  database: string;
  switchSql: string;
}

/** `role` and `database` must already be checked safe identifiers. */
export const sessionTargetOf = (role: string, database: string): SessionTarget => ({
  key: `${role}\0${database}`,
  database,
  switchSql: `SET ROLE ${quoteIdentifier(role)}; USE ${quoteIdentifier(database)}; `,
});

/** How one checkout reaches a tenant's tables: as whom (`target`), naming them how (`table`). */
export interface SessionRoute {
  target: SessionTarget;
  table(name: string): string;
  /** What a refusal is remembered under (LoginFailureBackoff), so the tenant's next calls on this route fail at once. */
  refusalKey: string;
  /** A table access denied means the tenant's grants are missing (the reader's), not a query at fault: refused like a switch. */
  tableDenialIsRefusal: boolean;
}

/** The tenant's own role, its database the default: everything a request may do. */
export const ownRouteOf = (role: string, database: string): SessionRoute => {
  const target = sessionTargetOf(role, database);
  return { target, table: quoteIdentifier, refusalKey: target.key, tableDenialIsRefusal: false };
};

/**
 * The vertical's catalogue reader, one role for every tenant (so a connection holding it serves any
 * tenant's public read without a switch), tables named with the tenant's database. It takes
 * information_schema as default database: a table name left unqualified then fails instead of
 * reading the database the connection served before.
 */
export const catalogueRouteOf = (readerRole: string, database: string): SessionRoute => {
  const target = sessionTargetOf(readerRole, 'information_schema');
  const schema = quoteIdentifier(database);
  return {
    target,
    table: (name) => `${schema}.${quoteIdentifier(name)}`,
    refusalKey: `${target.key}\0${database}`,
    tableDenialIsRefusal: true,
  };
};

/** MariaDB's ER_INVALID_ROLE (mysql2 has no name for it): the role is gone or not granted to the gateway. */
const INVALID_ROLE = 1959;
/** MySQL refusing a statement the privileges on a table or column. */
const TABLE_DENIALS = new Set(['ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR']);
/** Statements that leave no session state behind; anything else (SET, USE, BEGIN outside transaction()…) forces a reset next time. */
const STATELESS =
  /^(?:\s|\(|\/\*[\s\S]*?\*\/|--[^\n]*\n|#[^\n]*\n)*(select|insert|update|delete|replace|with|values|table|show|explain|describe|desc)\b/i;

/** The switch's own statements failed (role gone or not granted, role without its database), not the request's. */
const isSwitchRefused = (error: unknown, database: string) => {
  const { errno, code, sqlMessage } = (error ?? {}) as { errno?: number; code?: string; sqlMessage?: string };
  return errno === INVALID_ROLE || (code === 'ER_DBACCESS_DENIED_ERROR' && !!sqlMessage?.endsWith(`database '${database}'`));
};

/**
 * What each pooled connection's session holds from one checkout to the next: the target whose role
 * and database it took, and whether a request may have left state in it (reset before its next use).
 */
export class SessionRegistry {
  private readonly bindings = new WeakMap<CoreConnection, string>();
  private readonly dirty = new WeakSet<CoreConnection>();

  /** The target a connection can serve without a switch; none while its session needs a reset. */
  boundTarget(core: CoreConnection): string | undefined {
    return this.dirty.has(core) ? undefined : this.bindings.get(core);
  }

  /** Resets the session (COM_CHANGE_USER back to the gateway) if a request left state in it; true if it did. */
  async resetIfDirty(core: CoreConnection, gateway: GatewayLogin): Promise<boolean> {
    if (!this.dirty.has(core)) return false;
    this.unbind(core);
    await resetSession(core, gateway);
    this.dirty.delete(core);
    return true;
  }

  bind(core: CoreConnection, targetKey: string): void {
    this.bindings.set(core, targetKey);
  }

  unbind(core: CoreConnection): void {
    this.bindings.delete(core);
  }

  markDirty(core: CoreConnection): void {
    this.dirty.add(core);
  }
}

/**
 * One checkout of a connection for one tenant: `db` is the handle its work gets; `end` closes the
 * handle and tells whether the connection can serve again.
 */
export class TenantLease {
  readonly db: TenantDb;
  private open = true;
  private inTransaction = false;
  private sessionTouched = false;
  private broken = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly core: CoreConnection,
    private readonly route: SessionRoute,
    private readonly tenantKey: string,
    private readonly sessions: SessionRegistry,
    /** The connection already holds the route's role and database: no switch. */
    private bound: boolean,
    /** Called when MySQL refuses the switch or the route's grants (a failed login for the tenant). */
    private readonly onRefused: () => void,
  ) {
    this.db = Object.freeze({
      query: <R = RowDataPacket[]>(sql: string, params?: unknown[]) => this.track(sql, () => this.statement<R>(sql, params)),
      transaction: <R>(fn: (tx: TenantDb) => Promise<R>) => this.transaction(fn),
      table: route.table,
    });
  }

  /** Waits for statements the work started but did not await; a failed work or touched session gets a reset before the next use. */
  async end(failed: boolean): Promise<{ reusable: boolean }> {
    this.open = false;
    // Those statements still run on this connection as this tenant.
    await Promise.allSettled([...this.pending]);
    if (failed || this.sessionTouched) this.sessions.markDirty(this.core);
    return { reusable: !this.broken };
  }

  /**
   * Until one statement has run under the tenant's role, every statement carries the switch: if
   * it fails (role gone, not granted) MySQL runs nothing after it in that packet, so no statement
   * can run under whatever role the connection held before.
   */
  private async statement<R>(sql: string, params?: unknown[]): Promise<R> {
    if (sql.includes(';')) throw new TenantDbError('TENANT_DB_MULTI_STATEMENT', this.tenantKey);
    const { target } = this.route;
    const switching = !this.bound;
    try {
      if (!switching) return await send<R>(this.core, sql, params);
      this.sessions.unbind(this.core);
      const results = await send<unknown[]>(this.core, target.switchSql + sql, params);
      this.bound = true;
      this.sessions.bind(this.core, target.key);
      return results[2] as R;
    } catch (error) {
      const refused =
        (switching && isSwitchRefused(error, target.database)) ||
        (this.route.tableDenialIsRefusal && TABLE_DENIALS.has((error as { code?: string }).code ?? ''));
      if (!refused) throw error;
      this.onRefused();
      throw new TenantDbError('TENANT_DB_LOGIN_FAILED', this.tenantKey, error);
    }
  }

  private track<R>(sql: string, run: () => Promise<R>): Promise<R> {
    if (!this.open) return Promise.reject(new TenantDbError('TENANT_DB_HANDLE_RELEASED', this.tenantKey));
    if (!STATELESS.test(sql)) this.sessionTouched = true;
    const promise = run();
    this.pending.add(promise);
    const settle = () => this.pending.delete(promise);
    promise.then(settle, settle);
    return promise;
  }

  private async transaction<R>(fn: (tx: TenantDb) => Promise<R>): Promise<R> {
    if (!this.open) throw new TenantDbError('TENANT_DB_HANDLE_RELEASED', this.tenantKey);
    if (this.inTransaction) throw new TenantDbError('TENANT_DB_NESTED_TRANSACTION', this.tenantKey);
    this.inTransaction = true;
    try {
      await this.statement('BEGIN');
      try {
        const result = await fn(this.db);
        await send(this.core, 'COMMIT');
        return result;
      } catch (error) {
        await send(this.core, 'ROLLBACK').catch(() => {
          this.broken = true;
        });
        throw error;
      }
    } finally {
      this.inTransaction = false;
    }
  }
}
