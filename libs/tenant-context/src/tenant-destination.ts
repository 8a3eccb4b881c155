import type { TenantResolutionV1 } from '@helix/contracts';
import { isSafeIdentifier, isServerHost, quoteAccount, UnsafeIdentifierError } from '@helix/db';
import type { GatewayLogin } from './mysql2-pool.adapter';
import { TenantDbError } from './tenant-db-error';
import { catalogueRouteOf, ownRouteOf, type SessionRoute } from './tenant-session';

/** What the manager needs of a resolution's `database`: where, which database, which roles, which login. */
export type TenantDatabase = Pick<TenantResolutionV1['database'], 'host' | 'port' | 'name' | 'role' | 'gateway' | 'catalogue_reader'>;

export interface BindableTenant {
  key: string;
  database: TenantDatabase;
}

/** A resolution's database worked out for the manager: where (`server`, its pool's key), as whom, as what. */
export interface TenantDestination {
  server: string;
  gateway: GatewayLogin;
  /** Under the tenant's own role. */
  own: SessionRoute;
  /** Under the vertical's catalogue reader, for public catalogue reads; absent when the resolution names none. */
  catalogue?: SessionRoute;
}

/** Checks every name before anything reaches MySQL; TENANT_DB_INVALID otherwise. */
export function tenantDestinationOf(tenant: BindableTenant): TenantDestination {
  const { host, port, name, role, gateway, catalogue_reader: reader } = tenant.database ?? ({} as TenantDatabase);
  try {
    if (!isServerHost(host)) throw new UnsafeIdentifierError('host', String(host));
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UnsafeIdentifierError('port', String(port));
    if (typeof name !== 'string' || !isSafeIdentifier(name)) throw new UnsafeIdentifierError('database', String(name));
    if (typeof role !== 'string' || !isSafeIdentifier(role)) throw new UnsafeIdentifierError('role', String(role));
    if (reader != null && (typeof reader.role !== 'string' || !isSafeIdentifier(reader.role)))
      throw new UnsafeIdentifierError('role', String(reader.role));
    quoteAccount(String(gateway?.user), '%');
    // mysql2 falls back to the connection's current password when given an empty one.
    if (typeof gateway.password !== 'string' || gateway.password.length === 0) throw new UnsafeIdentifierError('password', '');
  } catch (error) {
    throw new TenantDbError('TENANT_DB_INVALID', tenant.key, error);
  }
  return {
    server: `${host.toLowerCase()}:${port}`,
    gateway: { user: gateway.user, password: gateway.password },
    own: ownRouteOf(role, name),
    catalogue: reader ? catalogueRouteOf(reader.role, name) : undefined,
  };
}
