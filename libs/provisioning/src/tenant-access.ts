import type { RobotVertical } from '@helix/contracts';
import type { SecretBox } from '@helix/secrets';
import { CATALOGUE_TABLES } from './catalogue-tables';
import { gatewayUserName } from './tenant-names';

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
  robo_tipo: RobotVertical;
  db_host: string;
  db_port: number;
  /** The rotation generation of the vertical's gateway on that server (the master's `gateway_geracoes`; 0 before any rotation). */
  gateway_geracao: number;
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
export function catalogueReaderOf(user: string, robo: RobotVertical): CatalogueReader {
  return { role: `${userParts(user).prefix}rd_${robo}`, tables: CATALOGUE_TABLES[robo] };
}

/**
 * The gateway's password is derived from the deployment's secret, the account, the server and the
 * gateway's rotation generation there, so the master, the operations CLI and every onboarding agree
 * on it without storing it anywhere, a password read on one server opens no other, and a rotation
 * (`helix gateway rotate`) gives it a new one by raising the generation.
 */
export function tenantAccess(secretBox: SecretBox, tenant: TenantAccessSource): TenantAccess {
  const gatewayUser = gatewayUserName(userParts(tenant.db_user).prefix, tenant.robo_tipo);
  return {
    role: tenantRoleName(tenant.db_user),
    gateway: {
      user: gatewayUser,
      password: gatewayPassword(secretBox, gatewayUser, { host: tenant.db_host, port: tenant.db_port }, tenant.gateway_geracao),
    },
    catalogueReader: catalogueReaderOf(tenant.db_user, tenant.robo_tipo),
  };
}

/** Generation 0 is derived as before rotations existed, so upgrading changes no gateway's password. */
export function gatewayPassword(
  secretBox: SecretBox,
  gatewayUser: string,
  server: { host: string; port: number },
  generation: number,
): string {
  if (!Number.isInteger(generation) || generation < 0) throw new Error(`not a gateway generation: ${generation}`);
  const purpose = `mysql-gateway\0${gatewayUser}\0${server.host.toLowerCase()}:${server.port}`;
  return secretBox.derive(generation === 0 ? purpose : `${purpose}\0${generation}`);
}
