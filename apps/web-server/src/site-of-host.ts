import { identifyTenant, type TenantLookup } from '@helix/tenant-context';

/** What a Host serves: the operators' console (`admin.<base domain>`) or a store. */
export type Site = { kind: 'admin' } | { kind: 'loja'; lookup: TenantLookup };

/** The host without its port, lower-cased (IPv6 literals are left for identifyTenant to refuse). */
const hostnameOf = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '');

/**
 * The store a Host names, by the robots' own rules (libs/tenant-context identify: `<sub>.<base>` →
 * key, any other registrable name → custom domain); anything malformed is refused there, before it
 * costs a lookup. Only the Host counts: a browser's X-Tenant-Key never chooses the store.
 */
export function siteOfHost(host: string | undefined, baseDomains: readonly string[]): Site {
  const hostname = hostnameOf(host ?? '');
  if (baseDomains.some((base) => hostname === `admin.${base}`)) return { kind: 'admin' };
  return { kind: 'loja', lookup: identifyTenant({ host }, baseDomains) };
}
