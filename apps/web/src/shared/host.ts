/** Which app a Host gets: `admin.<base domain>` is the operators' console; every other host is a store. */
export type AppKind = 'console' | 'tenant';

export function isAdminHost(hostname: string): boolean {
  const labels = hostname.toLowerCase().split('.');
  return labels.length > 1 && labels[0] === 'admin';
}

export const appKindOf = (hostname: string): AppKind => (isAdminHost(hostname) ? 'console' : 'tenant');
