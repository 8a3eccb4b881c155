import type { RequestHandler } from 'express';
import { tenantOf } from './tenant-guard';

/**
 * Storefront routes only, after tenantGuard: the request's catalogue reads (`db.catalogueSession`)
 * may take the vertical's catalogue reader. Every other route reads under the tenant's role.
 */
export const allowCatalogueReader: RequestHandler = (req, _res, next) => {
  const tenant = tenantOf(req);
  tenant.db = tenant.db.forStorefront();
  next();
};
