import { isTenantKey, RESERVED_TENANT_KEYS, type TenantLookupV1 } from '@helix/contracts';
import { TenantContextError, tenantNotFound } from './tenant-context.error';

/** How a request names its tenant: a key (header or subdomain) or a custom domain to look up. */
export type TenantLookup = TenantLookupV1;

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
/** A domain a tenant could own: two labels at least, each at most 63 characters, ending in a letters-only TLD. */
const REGISTRABLE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const malformed = (code: 'INVALID_TENANT_KEY' | 'TENANT_REQUIRED' | 'INVALID_HOST', message: string) =>
  new TenantContextError(code, message);

function tenantKeyLookup(key: string): TenantLookup {
  // A key the master never issues (reserved): answered here, without asking it.
  if (RESERVED_TENANT_KEYS.has(key)) throw tenantNotFound(key);
  return { key };
}

/**
 * Step 1 of a robot request. `X-Tenant-Key` wins; else the Host: `<sub>.<base domain>` gives the
 * key (`-` standing for `_`, so `garage-alpha.localhost:3001` works in a browser), any other host
 * is a tenant's custom domain. Anything malformed (or a name no tenant can have) is answered here,
 * before it costs a lookup.
 */
export function identifyTenant(
  headers: { 'x-tenant-key'?: string | string[]; host?: string },
  baseDomains: readonly string[],
): TenantLookup {
  const header = headers['x-tenant-key'];
  if (header !== undefined) {
    const key = Array.isArray(header) ? undefined : header.trim();
    if (!key || !isTenantKey(key)) throw malformed('INVALID_TENANT_KEY', 'Cabeçalho X-Tenant-Key inválido.');
    return tenantKeyLookup(key);
  }
  const host = stripPort((headers.host ?? '').trim().toLowerCase());
  if (!host) throw malformed('TENANT_REQUIRED', 'Informe o cliente pelo cabeçalho X-Tenant-Key ou pelo domínio.');
  if (host.startsWith('[') || IPV4.test(host) || !HOSTNAME.test(host) || host.includes('..')) {
    throw malformed('INVALID_HOST', 'Host inválido para identificar o cliente.');
  }
  for (const base of baseDomains) {
    if (host === base) throw malformed('TENANT_REQUIRED', 'Informe o cliente pelo cabeçalho X-Tenant-Key ou pelo subdomínio.');
    if (host.endsWith(`.${base}`)) {
      const label = host.slice(0, -(base.length + 1));
      const key = label.replace(/-/g, '_');
      if (label.includes('.') || !isTenantKey(key))
        throw malformed('INVALID_TENANT_KEY', `Subdomínio '${label.slice(0, 63)}' não é um cliente válido.`);
      return tenantKeyLookup(key);
    }
  }
  if (!REGISTRABLE_DOMAIN.test(host)) throw malformed('INVALID_HOST', 'Host inválido para identificar o cliente.');
  return { host };
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host; // IPv6 literal: refused by the caller
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
