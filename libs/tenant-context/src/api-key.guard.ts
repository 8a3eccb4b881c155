import { forbidden, unauthorized } from '@helix/http';
import { apiKeyMatches } from '@helix/secrets';
import type { RequestHandler } from 'express';
import { tenantOf } from './tenant-guard';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/**
 * Everything but the public catalogue needs the tenant's own API key. The master sends only its
 * hash, so a key is checked against the tenant being served: another tenant's valid key is a 403.
 */
export const requireTenantApiKey: RequestHandler = (req, _res, next) => {
  const tenant = tenantOf(req);
  const key = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!key) throw unauthorized('API_KEY_REQUIRED', 'Informe a chave de API do cliente no cabeçalho Authorization: Bearer <chave>.');
  if (!apiKeyMatches(key, tenant.resolution.api_key_sha256)) {
    throw forbidden('API_KEY_FORBIDDEN', 'Esta chave de API não dá acesso a este cliente.');
  }
  next();
};
