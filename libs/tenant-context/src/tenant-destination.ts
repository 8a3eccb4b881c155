import type { TenantResolutionV1 } from '@helix/contracts';
import { isSafeIdentifier, isServerHost, quoteAccount, UnsafeIdentifierError } from '@helix/db';
import type { GatewayLogin } from './mysql2-pool.adapter';
import { TenantDbError } from './tenant-db-error';
import { sessionTargetOf, type SessionTarget } from './tenant-session';

/** What the manager needs of a resolution's `database`: where, which database, which role, which login. */
export type TenantDatabase = Pick<TenantResolutionV1['database'], 'host' | 'port' | 'name' | 'role' | 'gateway'>;

export interface BindableTenant {
  key: string;
  database: TenantDatabase;
}

/** A resolution's database worked out for the manager: where (`server`, its pool's key), as whom, as what. */
export interface TenantDestination {
  server: string;
  target: SessionTarget;
  gateway: GatewayLogin;
}

/** Checks every name before anything reaches MySQL; TENANT_DB_INVALID otherwise. */
export function tenantDestinationOf(tenant: BindableTenant): TenantDestination {
  const { host, port, name, role, gateway } = tenant.database ?? ({} as TenantDatabase);
  try {
    if (!isServerHost(host)) throw new UnsafeIdentifierError('host', String(host));
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UnsafeIdentifierError('port', String(port));
    if (typeof name !== 'string' || !isSafeIdentifier(name)) throw new UnsafeIdentifierError('database', String(name));
    if (typeof role !== 'string' || !isSafeIdentifier(role)) throw new UnsafeIdentifierError('role', String(role));
    quoteAccount(String(gateway?.user), '%');
    // mysql2 falls back to the connection's current password when given an empty one.
    if (typeof gateway.password !== 'string' || gateway.password.length === 0) throw new UnsafeIdentifierError('password', '');
  } catch (error) {
    throw new TenantDbError('TENANT_DB_INVALID', tenant.key, error);
  }
  return {
    server: `${host.toLowerCase()}:${port}`,
    target: sessionTargetOf(role, name),
    gateway: { user: gateway.user, password: gateway.password },
  };
}
