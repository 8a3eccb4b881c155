import { classifyMysqlError, type DatabaseError } from '@helix/db';
import type { ErrorStatuses } from '@helix/http';
import type { SessionsError } from '@helix/sessions';
import type { TenantOpsError } from '@helix/tenant-ops';
import type { AssinaturasError } from './assinaturas/assinaturas.errors';
import type { AuthError } from './auth/auth.errors';
import type { InternalError } from './internal/internal.errors';
import type { MercadoPagoUnavailable } from './mercadopago/mercadopago.errors';
import type { PlanosError } from './planos/planos.errors';
import type { TenantsError } from './tenants/tenants.errors';
import type { WebhooksError } from './webhooks/webhooks.errors';

/** Every domain error the master can answer with. */
type MasterAnswerable =
  | DatabaseError
  | TenantOpsError
  | AuthError
  | SessionsError
  | TenantsError
  | PlanosError
  | AssinaturasError
  | MercadoPagoUnavailable
  | WebhooksError
  | InternalError;

/** The master's one table from domain errors to HTTP statuses. */
export const MASTER_ERROR_STATUSES = {
  database: {
    CONFLICT: 409,
    IN_USE: 409,
    REFERENCE_NOT_FOUND: 422,
    INVALID_VALUE: 400,
    ACCESS_DENIED: 403,
    DATABASE_UNAVAILABLE: 503,
  },
  'tenant-ops': {
    MASTER_UNAVAILABLE: 503,
    TENANT_NOT_FOUND: 404,
    TENANT_KEY_TAKEN: 409,
    DOMAIN_TAKEN: 409,
    DATABASE_TAKEN: 409,
    INVALID_TENANT_KEY: 400,
    INVALID_INPUT: 400,
    PLANO_NOT_FOUND: 422,
    DATABASE_NOT_FOUND: 404,
    DATABASE_EXISTS: 409,
    PRINCIPAL_EXISTS: 409,
    LEGACY_SCHEMA_MISMATCH: 422,
    BACKUP_FILE_INVALID: 400,
    BACKUP_FILE_EXISTS: 409,
    CHECKSUM_MISMATCH: 500,
    DUMP_FAILED: 500,
    // The tenant's server was unavailable: worth trying again, unlike a step that failed outright.
    ONBOARDING_FAILED: (error) => (classifyMysqlError(error.cause) === 'unavailable' ? 503 : 500),
    SAME_SERVER: 409,
    SERVER_UNAVAILABLE: 503,
    MOVE_IN_PROGRESS: 409,
    ROBOT_UNREACHABLE: 503,
    MOVE_FAILED: 500,
    STEP_FAILED: 500,
    GATEWAY_NOT_FOUND: 404,
    ROTATION_IN_PROGRESS: 409,
    SERVER_NOT_FOUND: 404,
    SERVER_EXISTS: 409,
    SERVER_NOT_EMPTY: 409,
    SERVER_RETIRED: 409,
    // No active server with room, or none of them answered: worth trying again once the fleet has room.
    NO_SERVER_AVAILABLE: 503,
  },
  auth: {
    AUTH_REQUIRED: 401,
    INVALID_CREDENTIALS: 401,
    SESSION_REVOKED: 401,
    ROLE_FORBIDDEN: 403,
    WRONG_PASSWORD: 403,
    ADMIN_EXISTS: 409,
    ADMIN_NOT_FOUND: 404,
    CANNOT_CHANGE_SELF: 403,
    LAST_ADMIN: 409,
  },
  sessions: { INVALID_TOKEN: 401, TOKEN_EXPIRED: 401, TOO_MANY_ATTEMPTS: 429, WEAK_PASSWORD: 422 },
  tenants: { TENANT_NOT_FOUND: 404 },
  planos: { PLANO_NOT_FOUND: 404, PLANO_NAME_TAKEN: 409, PLANO_IN_USE: 409 },
  assinaturas: {
    ASSINATURA_NOT_FOUND: 404,
    // A plan named in the body, not the resource addressed.
    PLANO_NOT_FOUND: 422,
    EMAIL_PAGADOR_REQUIRED: 422,
    INVALID_TRANSITION: 409,
    CONCURRENT_CHANGE: 409,
  },
  mercadopago: { MERCADOPAGO_UNAVAILABLE: 502 },
  webhooks: { WEBHOOK_NOT_CONFIGURED: 503, SIGNATURE_EXPIRED: 401, INVALID_SIGNATURE: 401 },
  internal: { TENANT_UNAVAILABLE: 503, SERVICE_NOT_A_ROBOT: 403, SERVICE_NOT_WEB: 403 },
} as const satisfies ErrorStatuses<MasterAnswerable>;
