import { quoteIdentifier, retryOnLockConflict } from '@helix/db';
import type { BindableTenant, TenantConnectionManager, TenantDb } from './connection-manager';
import type { RowDataPacket } from 'mysql2/promise';

/**
 * The database handle handlers get, bound to the request's tenant. Each call takes a connection
 * only for its own duration (so a slow AI call holds none); `session` groups several statements
 * on one connection. There is no way to name another tenant or a raw pool through it.
 */
export class TenantHandle implements TenantDb {
  constructor(
    private readonly connections: TenantConnectionManager,
    private readonly tenant: BindableTenant,
    /** Set on storefront routes only (forStorefront): their catalogue reads may take the vertical's reader. */
    private readonly storefront = false,
  ) {}

  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T> {
    return this.connections.withTenant(this.tenant, (db) => db.query<T>(sql, params));
  }

  /**
   * A deadlock victim is rolled back whole by InnoDB, so its work runs again (up to 3 times, after a
   * short random pause): `work` must have no effect outside the database.
   */
  transaction<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return retryOnLockConflict(() => this.connections.withTenant(this.tenant, (db) => db.transaction(work)), { attempts: 3 });
  }

  /** Statements here run under the tenant's role, whose database is the default. */
  table(name: string): string {
    return quoteIdentifier(name);
  }

  session<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.connections.withTenant(this.tenant, work);
  }

  /**
   * Reads of the public catalogue (its items and their photos, nothing else; tables named through
   * `db.table`): on a storefront route under the vertical's catalogue reader, elsewhere as `session`.
   */
  catalogueSession<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.storefront ? this.connections.withCatalogueReader(this.tenant, work) : this.session(work);
  }

  /** The same tenant's handle for a storefront route. */
  forStorefront(): TenantHandle {
    return new TenantHandle(this.connections, this.tenant, true);
  }
}
