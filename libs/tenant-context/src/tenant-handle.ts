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
  ) {}

  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T> {
    return this.connections.withTenant(this.tenant, (db) => db.query<T>(sql, params));
  }

  execute<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T> {
    return this.connections.withTenant(this.tenant, (db) => db.execute<T>(sql, params));
  }

  transaction<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.connections.withTenant(this.tenant, (db) => db.transaction(work));
  }

  session<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.connections.withTenant(this.tenant, work);
  }
}
