import { migrateDatabase, quoteAccount, quoteIdentifier, type Migration, type Pool } from '@helix/db';
import type { RoboTipo } from './tenant-names';

export interface TenantPrincipal {
  user: string;
  host: string;
  password: string;
}

/** Privileges a tenant principal gets on its own database: data only; schema changes are the operators'. */
const TENANT_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

/**
 * DDL and account work on one MySQL server that hosts tenant databases. Every name is quoted by
 * @helix/db; the pool belongs to an account allowed to CREATE DATABASE, CREATE USER and GRANT,
 * and must allow multiple statements (template files run in one round trip).
 */
export class TenantDatabaseAdmin {
  constructor(
    private readonly pool: Pool,
    private readonly templates: Record<RoboTipo, Migration[]>,
  ) {}

  /** Fails if the database exists: onboarding must never adopt (or later drop) data it did not create. */
  async createDatabase(database: string): Promise<void> {
    await this.pool.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }

  async applyTemplate(database: string, robo: RoboTipo): Promise<number> {
    const connection = await this.pool.getConnection();
    try {
      return (await migrateDatabase(connection, database, this.templates[robo])).version;
    } finally {
      connection.release();
    }
  }

  /** Creates the user and its grant, or neither. Fails if the user exists (never adopts an account). */
  async createPrincipal(principal: TenantPrincipal, database: string): Promise<void> {
    const account = quoteAccount(principal.user, principal.host);
    await this.pool.query(`CREATE USER ${account} IDENTIFIED BY ?`, [principal.password]);
    try {
      await this.pool.query(`GRANT ${TENANT_PRIVILEGES} ON ${quoteIdentifier(database)}.* TO ${account}`);
    } catch (error) {
      await this.pool.query(`DROP USER ${account}`);
      throw error;
    }
  }

  async dropPrincipal(user: string, host: string): Promise<void> {
    await this.pool.query(`DROP USER IF EXISTS ${quoteAccount(user, host)}`);
  }

  async dropDatabase(database: string): Promise<void> {
    await this.pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
