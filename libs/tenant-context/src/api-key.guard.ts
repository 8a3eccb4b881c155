import { apiKeyMatches } from '@helix/secrets';
import type { RequestHandler } from 'express';
import { TenantContextError } from './tenant-context.error';
import { tenantOf } from './tenant-guard';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/**
 * Everything but the public catalogue needs the tenant's own API key. The master sends only its
 * hash, so a key is checked against the tenant being served: another tenant's valid key is refused.
 */
export const requireTenantApiKey: RequestHandler = (req, _res, next) => {
  const tenant = tenantOf(req);
  const key = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!key) {
    throw new TenantContextError('API_KEY_REQUIRED', 'Informe a chave de API do cliente no cabeçalho Authorization: Bearer <chave>.', {
      challenge: 'Bearer',
    });
  }
  if (!apiKeyMatches(key, tenant.resolution.api_key_sha256)) {
    throw new TenantContextError('API_KEY_FORBIDDEN', 'Esta chave de API não dá acesso a este cliente.');
  }
  next();
};
