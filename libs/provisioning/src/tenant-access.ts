import type { SecretBox } from '@helix/secrets';
import { CATALOGUE_TABLES } from './catalogue-tables';
import type { RoboTipo } from './tenant-names';

/**
 * How robots reach a tenant's database: its role holds the tenant's privileges, and the gateway
 * account robots of its vertical log in as on that server holds no privilege of its own, only the
 * roles of that vertical's tenants there. A robot request takes the role (`SET ROLE` + `USE`, sent
 * with its first statement), so MySQL checks every query against that one tenant's grants.
 * Why roles rather than logging in as each tenant: bench/tenant-switch.bench.ts.
 */
export interface TenantAccess {
  role: string;
  gateway: { user: string; password: string };
  catalogueReader: CatalogueReader;
}

/**
 * The vertical's storefront reader on a server: one role, also held by the gateway, with SELECT on
 * the catalogue tables of each of its tenants there and nothing else. Public catalogue reads take it
 * instead of the tenant's role; since it is the same role for every tenant, a connection that holds
 * it serves the next public read of any tenant without a switch (queries name the database).
 */
export interface CatalogueReader {
  role: string;
  /** The tenant's tables it may read. */
  tables: readonly string[];
}

export interface TenantAccessSource {
  /** The tenant's own MySQL user, as stored: its prefix and hash name the role and the gateway. */
  db_user: string;
  robo_tipo: RoboTipo;
  db_host: string;
  db_port: number;
}

const TENANT_USER = /^([a-z0-9_]*)tu_([0-9a-f]{16})$/;

function userParts(user: string): { prefix: string; hash: string } {
  const match = TENANT_USER.exec(user);
  if (!match) throw new Error(`not a tenant user name: ${JSON.stringify(user.slice(0, 80))}`);
  return { prefix: match[1], hash: match[2] };
}

/** `…tr_<hash>` beside the user `…tu_<hash>`: found from the stored user name, same length. */
export function tenantRoleName(user: string): string {
  const { prefix, hash } = userParts(user);
  return `${prefix}tr_${hash}`;
}

/** The reader `…rd_<robo>` beside the gateway `…gw_<robo>` (one per vertical and server), and the tenant's tables it reads. */
export function catalogueReaderOf(user: string, robo: RoboTipo): CatalogueReader {
  return { role: `${userParts(user).prefix}rd_${robo}`, tables: CATALOGUE_TABLES[robo] };
}

/**
 * The gateway's password is derived from the deployment's secret, the account and the server, so
 * the master, the operations CLI and every onboarding agree on it without storing it anywhere,
 * and a password read on one server opens no other.
 */
export function tenantAccess(secretBox: SecretBox, tenant: TenantAccessSource): TenantAccess {
  const gatewayUser = `${userParts(tenant.db_user).prefix}gw_${tenant.robo_tipo}`;
  const server = `${tenant.db_host.toLowerCase()}:${tenant.db_port}`;
  return {
    role: tenantRoleName(tenant.db_user),
    gateway: { user: gatewayUser, password: secretBox.derive(`mysql-gateway\0${gatewayUser}\0${server}`) },
    catalogueReader: catalogueReaderOf(tenant.db_user, tenant.robo_tipo),
  };
}
