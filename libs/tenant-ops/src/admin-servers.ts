import { createPool, formatMysqlUrl, parseMysqlUrl, type MysqlServer, type Pool, type PoolConnection } from '@helix/db';
import { TenantDatabaseAdmin, type TenantTemplates } from '@helix/provisioning';

export interface ServerAddress {
  host: string;
  port: number;
}

/**
 * One bounded administrative pool per MySQL server that hosts tenant databases, opened on first
 * use. Every server is reached with the admin account of TENANT_DB_URL (host and port come from
 * each tenant's row), so a thousand tenants on one server share `connectionLimit` connections.
 */
export class AdminServers {
  private readonly pools = new Map<string, Pool>();
  private readonly account: MysqlServer;

  constructor(
    adminUrl: string,
    private readonly templates: TenantTemplates,
    private readonly connectionLimit: number,
  ) {
    this.account = parseMysqlUrl(adminUrl);
  }

  /** Where new tenant databases go (TENANT_DB_URL). */
  get home(): ServerAddress {
    return { host: this.account.host, port: this.account.port };
  }

  credentials(server: ServerAddress): MysqlServer {
    return { ...this.account, host: server.host, port: server.port };
  }

  pool(server: ServerAddress): Pool {
    const key = `${server.host}:${server.port}`;
    let pool = this.pools.get(key);
    if (!pool) {
      // Multiple statements: template files run in one round trip. Only trusted SQL runs here.
      pool = createPool(formatMysqlUrl(this.credentials(server)), { connectionLimit: this.connectionLimit, multipleStatements: true });
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** `work` on one connection of the server's bounded pool, given back right after. */
  async withConnection<T>(server: ServerAddress, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    const connection = await this.pool(server).getConnection();
    try {
      return await work(connection);
    } finally {
      connection.release();
    }
  }

  admin(server: ServerAddress): TenantDatabaseAdmin {
    return new TenantDatabaseAdmin(this.pool(server), this.templates);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }
}
