import type { RobotVertical } from '@helix/contracts';
import { migrateDatabase, quoteAccount, quoteIdentifier, type Pool, type RowDataPacket, type SchemaVersions } from '@helix/db';
import { catalogueReaderOf, tenantRoleName, type CatalogueReader, type TenantAccess } from './tenant-access';
import type { TenantTemplates } from './templates';

/** The store's first staff member (its owner), invited at onboarding: only the invite's hash is stored. */
export interface StoreOwnerInvite {
  email: string;
  nome: string;
  conviteHash: string;
  conviteExpiraEm: Date;
}

export interface TenantPrincipal {
  user: string;
  host: string;
  password: string;
}

/** Privileges a tenant principal gets on its own database: data only; schema changes are the operators'. */
const TENANT_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

/** What MySQL answers a REVOKE of a grant that is not there (no such table grant; no such role at all). */
const NO_SUCH_GRANT = new Set(['ER_NONEXISTING_TABLE_GRANT', 'ER_NONEXISTING_GRANT']);

/**
 * DDL and account work on one MySQL server that hosts tenant databases. Every name is quoted by
 * @helix/db; the pool belongs to an account allowed to CREATE DATABASE, CREATE USER and GRANT,
 * and must allow multiple statements (template files run in one round trip).
 */
export class TenantDatabaseAdmin {
  constructor(
    private readonly pool: Pool,
    private readonly templates: TenantTemplates,
  ) {}

  /** Fails if the database exists: onboarding must never adopt (or later drop) data it did not create. */
  async createDatabase(database: string): Promise<void> {
    await this.pool.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }

  /** Both series of the vertical's template (see loadTenantTemplates); answers the version reached in each. */
  async applyTemplate(database: string, robo: RobotVertical): Promise<SchemaVersions> {
    const connection = await this.pool.getConnection();
    try {
      return (await migrateDatabase(connection, database, this.templates[robo])).versions;
    } finally {
      connection.release();
    }
  }

  /** The one row onboarding writes in a new tenant's database: the owner who will sign in to its back office. */
  async createStoreOwner(database: string, owner: StoreOwnerInvite): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${quoteIdentifier(database)}.equipe_usuarios (email, nome, papel, convite_hash, convite_expira_em) VALUES (?, ?, 'dono', ?, ?)`,
      [owner.email, owner.nome, owner.conviteHash, owner.conviteExpiraEm],
    );
  }

  /**
   * Creates the tenant's user and role with their grants, grants the role to its vertical's
   * gateway and the tenant's catalogue to the vertical's reader; all of it or nothing. Fails if the
   * user or role exists (never adopts an account).
   */
  async createPrincipal(principal: TenantPrincipal, database: string, access: TenantAccess): Promise<void> {
    const account = quoteAccount(principal.user, principal.host);
    await this.pool.query(`CREATE USER ${account} IDENTIFIED BY ?`, [principal.password]);
    const undo = [`DROP USER ${account}`];
    try {
      await this.pool.query(`GRANT ${TENANT_PRIVILEGES} ON ${quoteIdentifier(database)}.* TO ${account}`);
      await this.pool.query(`CREATE ROLE ${quoteIdentifier(access.role)}`);
      undo.unshift(`DROP ROLE ${quoteIdentifier(access.role)}`, ...catalogueRevokes(database, access.catalogueReader));
      await this.grantAccess(database, access, principal.host);
    } catch (error) {
      // Every undo step is tried, and the error that stopped the creation is the one reported.
      for (const statement of undo) await this.pool.query(statement).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The role, its grants, the gateway's hold of it and the reader's grants on the tenant's
   * catalogue, whatever of them exists already: repairs tenants made before roles or before the
   * reader. MariaDB lets only the account that created a role (it holds it WITH ADMIN OPTION)
   * grant it, so this runs as the account that onboards tenants (TENANT_DB_URL's).
   */
  async ensureAccess(database: string, access: TenantAccess, gatewayHost: string): Promise<void> {
    await this.pool.query(`CREATE ROLE IF NOT EXISTS ${quoteIdentifier(access.role)}`);
    await this.grantAccess(database, access, gatewayHost);
  }

  private async grantAccess(database: string, access: TenantAccess, gatewayHost: string): Promise<void> {
    const role = quoteIdentifier(access.role);
    const gateway = quoteAccount(access.gateway.user, gatewayHost);
    await this.pool.query(`GRANT ${TENANT_PRIVILEGES} ON ${quoteIdentifier(database)}.* TO ${role}`);
    // The gateway is shared by the vertical's tenants on this server: made by the first. Only a
    // rotation changes its password afterwards, so no onboarding can undo a rotation's overlap.
    await this.pool.query(`CREATE USER IF NOT EXISTS ${gateway} IDENTIFIED BY ?`, [access.gateway.password]);
    await this.pool.query(`GRANT ${role} TO ${gateway}`);
    // The reader is shared like the gateway: made by the first tenant, each adds its own tables.
    const reader = quoteIdentifier(access.catalogueReader.role);
    await this.pool.query(`CREATE ROLE IF NOT EXISTS ${reader}`);
    for (const table of access.catalogueReader.tables)
      await this.pool.query(`GRANT SELECT ON ${quoteIdentifier(database)}.${quoteIdentifier(table)} TO ${reader}`);
    // Another onboarding account may have made it: MariaDB lets that one add tables to it, not grant it.
    if (!(await this.holdsRole(access.gateway.user, gatewayHost, access.catalogueReader.role)))
      await this.pool.query(`GRANT ${reader} TO ${gateway}`);
  }

  /**
   * The gateway logs in with any of `passwords` from now on, and with no other (sessions already
   * open stay logged in). Two during a rotation's overlap: MariaDB tries each authentication in turn.
   */
  async setGatewayPasswords(user: string, host: string, passwords: readonly string[]): Promise<void> {
    if (passwords.length === 0) throw new Error('a gateway needs a password');
    const authentications = passwords.map(() => 'mysql_native_password USING PASSWORD(?)').join(' OR ');
    await this.pool.query(`ALTER USER ${quoteAccount(user, host)} IDENTIFIED VIA ${authentications}`, [...passwords]);
  }

  private async holdsRole(user: string, host: string, role: string): Promise<boolean> {
    const [rows] = await this.pool.query<RowDataPacket[]>('SELECT 1 FROM mysql.roles_mapping WHERE User = ? AND Host = ? AND Role = ?', [
      user,
      host,
      role,
    ]);
    return rows.length > 0;
  }

  /**
   * The tenant's user and role, and the reader's grants on its tables (they outlive a dropped
   * database); the gateway and the reader stay (other tenants' roles and tables hang on them).
   */
  async dropPrincipal(user: string, host: string, database: string, robo: RobotVertical): Promise<void> {
    for (const revoke of catalogueRevokes(database, catalogueReaderOf(user, robo))) {
      await this.pool.query(revoke).catch((error: { code?: string }) => {
        if (!NO_SUCH_GRANT.has(error.code ?? '')) throw error;
      });
    }
    await this.pool.query(`DROP USER IF EXISTS ${quoteAccount(user, host)}`);
    await this.pool.query(`DROP ROLE IF EXISTS ${quoteIdentifier(tenantRoleName(user))}`);
  }

  async dropDatabase(database: string): Promise<void> {
    await this.pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const catalogueRevokes = (database: string, reader: CatalogueReader): string[] =>
  reader.tables.map(
    (table) => `REVOKE SELECT ON ${quoteIdentifier(database)}.${quoteIdentifier(table)} FROM ${quoteIdentifier(reader.role)}`,
  );
