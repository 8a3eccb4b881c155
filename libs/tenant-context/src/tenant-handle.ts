import { setTimeout as sleep } from 'node:timers/promises';
import type { BindableTenant, TenantConnectionManager, TenantDb } from './connection-manager';
import type { RowDataPacket } from 'mysql2/promise';

/** Runs of a transaction InnoDB chose as a deadlock's victim, before the error reaches the caller. */
const DEADLOCK_ATTEMPTS = 3;
const isDeadlock = (error: unknown) => (error as { code?: string } | null)?.code === 'ER_LOCK_DEADLOCK';

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

  /**
   * A deadlock victim is rolled back whole by InnoDB, so its work runs again (up to 3 times, after a
   * short random pause): `work` must have no effect outside the database.
   */
  async transaction<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connections.withTenant(this.tenant, (db) => db.transaction(work));
      } catch (error) {
        if (!isDeadlock(error) || attempt === DEADLOCK_ATTEMPTS) throw error;
        await sleep(5 + Math.random() * 20 * attempt);
      }
    }
  }

  session<T>(work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.connections.withTenant(this.tenant, work);
  }
}
