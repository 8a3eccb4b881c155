import type { RequestHandler } from 'express';

/**
 * The public catalogue may sit in shared caches (CDN, proxies) for a few seconds: what is shown is
 * public, and a storefront's visitors read the same pages again and again. The store is chosen by
 * the Host or the X-Tenant-Key header, so caches must keep one copy per value of each; Express'
 * ETag then answers a repeated read 304 when nothing changed. Errors stay `no-store` (error handler).
 */
export function storefrontCaching(maxAgeSeconds: number): RequestHandler {
  const cacheControl = maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-store';
  return (_req, res, next) => {
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Vary', 'Host, X-Tenant-Key');
    next();
  };
}
