import type { ErrorStatuses } from '@helix/http';
import type { TenantContextError } from '@helix/tenant-context';
import type { WebError } from './web.errors';

/** The web service's one table from domain errors to HTTP statuses. */
export const WEB_ERROR_STATUSES = {
  // Only the Host rules and the unknown-store gate of tenant-context reach the web service.
  'tenant-context': {
    INVALID_HOST: 400,
    // A host that names no store (the bare base domain, a subdomain no store can have): not found, as for a browser.
    TENANT_REQUIRED: 404,
    INVALID_TENANT_KEY: 404,
    TENANT_NOT_FOUND: 404,
    RATE_LIMITED: 429,
    SUBSCRIPTION_INACTIVE: 403,
    MASTER_UNAVAILABLE: 503,
    TENANT_WRITES_FROZEN: 503,
    QUOTA_EXCEEDED: 429,
    API_KEY_REQUIRED: 401,
    API_KEY_FORBIDDEN: 403,
  },
  web: {
    TENANT_NOT_FOUND: 404,
    MASTER_UNAVAILABLE: 503,
    LOJA_INDISPONIVEL: 403,
    ORIGEM_INVALIDA: 403,
    ROBO_INDISPONIVEL: 503,
    MASTER_INDISPONIVEL: 503,
    PAYLOAD_TOO_LARGE: 413,
    ROUTE_NOT_FOUND: 404,
    APP_NOT_BUILT: 503,
  },
} as const satisfies ErrorStatuses<TenantContextError | WebError>;
