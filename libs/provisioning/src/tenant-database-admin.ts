import { migrateDatabase, quoteAccount, quoteIdentifier, type Migration, type Pool } from '@helix/db';
import { tenantRoleName, type TenantAccess } from './tenant-access';
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

  /**
   * Creates the tenant's user and role with their grants, and grants the role to its vertical's
   * gateway; all of it or nothing. Fails if the user or role exists (never adopts an account).
   */
  async createPrincipal(principal: TenantPrincipal, database: string, access: TenantAccess): Promise<void> {
    const account = quoteAccount(principal.user, principal.host);
    await this.pool.query(`CREATE USER ${account} IDENTIFIED BY ?`, [principal.password]);
    const undo = [`DROP USER ${account}`];
    try {
      await this.pool.query(`GRANT ${TENANT_PRIVILEGES} ON ${quoteIdentifier(database)}.* TO ${account}`);
      await this.pool.query(`CREATE ROLE ${quoteIdentifier(access.role)}`);
      undo.unshift(`DROP ROLE ${quoteIdentifier(access.role)}`);
      await this.grantAccess(database, access, principal.host);
    } catch (error) {
      // Every undo step is tried, and the error that stopped the creation is the one reported.
      for (const statement of undo) await this.pool.query(statement).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The role, its grants and the gateway's hold of it, whatever of them exists already: repairs
   * tenants made before roles. MariaDB lets only the account that created a role (it holds it WITH
   * ADMIN OPTION) grant it, so this runs as the account that onboards tenants (TENANT_DB_URL's).
   */
  async ensureAccess(database: string, access: TenantAccess, gatewayHost: string): Promise<void> {
    await this.pool.query(`CREATE ROLE IF NOT EXISTS ${quoteIdentifier(access.role)}`);
    await this.grantAccess(database, access, gatewayHost);
  }

  private async grantAccess(database: string, access: TenantAccess, gatewayHost: string): Promise<void> {
    const role = quoteIdentifier(access.role);
    const gateway = quoteAccount(access.gateway.user, gatewayHost);
    await this.pool.query(`GRANT ${TENANT_PRIVILEGES} ON ${quoteIdentifier(database)}.* TO ${role}`);
    // The gateway is shared by the vertical's tenants on this server: made by the first, its
    // (derived) password set again by each, so it always matches what the master hands robots.
    await this.pool.query(`CREATE USER IF NOT EXISTS ${gateway} IDENTIFIED BY ?`, [access.gateway.password]);
    await this.pool.query(`ALTER USER ${gateway} IDENTIFIED BY ?`, [access.gateway.password]);
    await this.pool.query(`GRANT ${role} TO ${gateway}`);
  }

  /** The tenant's user and role; the gateway stays (other tenants' roles may hang on it). */
  async dropPrincipal(user: string, host: string): Promise<void> {
    const role = quoteIdentifier(tenantRoleName(user));
    await this.pool.query(`DROP USER IF EXISTS ${quoteAccount(user, host)}`);
    await this.pool.query(`DROP ROLE IF EXISTS ${role}`);
  }

  async dropDatabase(database: string): Promise<void> {
    await this.pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
