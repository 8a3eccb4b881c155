/**
 * Where a store is opened in the browser: its custom domain when it has one, else
 * `<subdomain>.<WEB_BASE_URL host>` (`garage_alpha` → `garage-alpha`, as the robots and the web
 * service read subdomains back), with WEB_BASE_URL's scheme and port. `http://localhost:3003` in
 * development gives `http://garage-alpha.localhost:3003`.
 */
export function storeOrigin(webBaseUrl: string, store: { tenant_key: string; dominio?: string | null }): string {
  const url = new URL(webBaseUrl);
  url.hostname = store.dominio ?? `${store.tenant_key.replace(/_/g, '-')}.${url.hostname}`;
  return url.origin;
}

/** A staff invite lasts a week: long enough for a new hire's first days, short enough to go stale. */
export const STAFF_INVITE_TTL_SECONDS = 7 * 86_400;

/** The one-time link that lets a store's staff member set a password; the token travels in the fragment, never to a server log. */
export const staffInviteUrl = (webBaseUrl: string, store: { tenant_key: string; dominio?: string | null }, token: string): string =>
  `${storeOrigin(webBaseUrl, store)}/painel/convite#${token}`;
