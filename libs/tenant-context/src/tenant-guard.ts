import type { TenantResolutionV1 } from '@helix/contracts';
import type { RequestHandler, Request } from 'express';
import type { BindableTenant, TenantConnectionManager } from './connection-manager';
import { identifyTenant } from './identify';
import { TenantHandle } from './tenant-handle';
import type { TenantResolver } from './tenant-resolver';
import { assertTenantServable } from './tenant-servability';
import { writesFrozen, type TenantActivity } from './tenant-activity';
import type { MasterLookupGate } from './unknown-tenant-gate';

/** What a robot handler knows about the tenant of its request. */
export interface RequestTenant {
  tenant_key: string;
  id: number;
  nome: string;
  resolution: TenantResolutionV1;
  db: TenantHandle;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      tenant?: RequestTenant;
    }
  }
}

export interface TenantGuardOptions {
  vertical: string;
  baseDomains: readonly string[];
  resolver: TenantResolver;
  connections: TenantConnectionManager;
  /** Called for every request served (e.g. so the usage shipper checks this tenant's outbox). */
  onServed?: (tenant: BindableTenant) => void;
  /** Counts requests in flight and refuses writes while the tenant is being moved. */
  activity: TenantActivity;
  /** Limits the master calls that lookups of unknown tenants may cause, per client address and overall. */
  unknownTenants: MasterLookupGate;
}

/** Methods that change nothing: served even while a tenant's writes are frozen. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const bindableTenant = (resolution: TenantResolutionV1): BindableTenant => ({
  key: resolution.tenant.tenant_key,
  database: resolution.database,
});

/** Steps 1–3 of a robot request: identify, resolve (unknown, inactive, master down), bind. */
export function tenantGuard(options: TenantGuardOptions): RequestHandler {
  return async (req, res, next) => {
    const lookup = identifyTenant(req.headers, options.baseDomains);
    const resolution = await options.resolver.resolve(lookup, options.unknownTenants, req.ip);
    // From here the request line names the tenant, refusals (inactive, frozen writes) included.
    res.locals.tenant_key = resolution.tenant.tenant_key;
    assertTenantServable(resolution, options.vertical);
    const bindable = bindableTenant(resolution);
    const write = !READS.has(req.method);
    // Checked and counted in one step, so a freeze either refuses this write or waits for it.
    if (write && (resolution.tenant.escrita_congelada || options.activity.isBlocked(bindable.key))) throw writesFrozen();
    res.once('close', options.activity.begin(bindable.key, write));
    req.tenant = {
      tenant_key: resolution.tenant.tenant_key,
      id: resolution.tenant.id,
      nome: resolution.tenant.nome,
      resolution,
      db: new TenantHandle(options.connections, bindable),
    };
    options.onServed?.(bindable);
    next();
  };
}

/** The request's tenant; a route without the guard is a programming error, not a client's. */
export function tenantOf(req: Request): RequestTenant {
  if (!req.tenant) throw new Error('tenantGuard must run before this handler');
  return req.tenant;
}
