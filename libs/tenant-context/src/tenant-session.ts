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

/** MariaDB's ER_INVALID_ROLE (mysql2 has no name for it): the role is gone or not granted to the gateway. */
const INVALID_ROLE = 1959;
/** Statements that leave no session state behind; anything else (SET, USE, BEGIN outside transaction()…) forces a reset next time. */
const STATELESS = /^(?:\s|\(|\/\*[\s\S]*?\*\/|--[^\n]*\n|#[^\n]*\n)*(select|insert|update|delete|replace|with|values|table|show|explain|describe|desc)\b/i;

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
    private readonly target: SessionTarget,
    private readonly tenantKey: string,
    private readonly sessions: SessionRegistry,
    /** The connection already holds the target's role and database: no switch. */
    private bound: boolean,
    /** Called when MySQL refuses the switch (a failed login for the tenant). */
    private readonly onSwitchRefused: () => void,
  ) {
    this.db = Object.freeze({
      query: <R = RowDataPacket[]>(sql: string, params?: unknown[]) => this.track(sql, () => this.statement<R>(sql, params)),
      transaction: <R>(fn: (tx: TenantDb) => Promise<R>) => this.transaction(fn),
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
    if (this.bound) return send<R>(this.core, sql, params);
    this.sessions.unbind(this.core);
    let results: unknown[];
    try {
      results = await send<unknown[]>(this.core, this.target.switchSql + sql, params);
    } catch (error) {
      if (!isSwitchRefused(error, this.target.database)) throw error;
      this.onSwitchRefused();
      throw new TenantDbError('TENANT_DB_LOGIN_FAILED', this.tenantKey, error);
    }
    this.bound = true;
    this.sessions.bind(this.core, this.target.key);
    return results[2] as R;
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
