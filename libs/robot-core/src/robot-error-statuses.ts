import type { DatabaseError } from '@helix/db';
import type { ErrorStatuses } from '@helix/http';
import type { SessionsError } from '@helix/sessions';
import type { TenantContextError, TenantDbError } from '@helix/tenant-context';
import type { EquipeError } from './equipe/equipe.errors';
import type { PainelError } from './painel/painel.errors';
import type { PhotoUploadError } from './photos/photo-upload.errors';
import type { ResourceNotFoundError, RobotError } from './robot.error';
import type { VisitanteError } from './visitantes/visitantes.errors';

/** Every domain error a robot can answer with. */
type RobotAnswerable =
  | DatabaseError
  | TenantContextError
  | TenantDbError
  | RobotError
  | ResourceNotFoundError
  | VisitanteError
  | SessionsError
  | EquipeError
  | PhotoUploadError
  | PainelError;

/** The robots' one table from domain errors to HTTP statuses (both robots serve the same features). */
export const ROBOT_ERROR_STATUSES = {
  database: {
    CONFLICT: 409,
    IN_USE: 409,
    REFERENCE_NOT_FOUND: 422,
    INVALID_VALUE: 400,
    ACCESS_DENIED: 403,
    DATABASE_UNAVAILABLE: 503,
  },
  'tenant-context': {
    INVALID_TENANT_KEY: 400,
    TENANT_REQUIRED: 400,
    INVALID_HOST: 400,
    TENANT_NOT_FOUND: 404,
    SUBSCRIPTION_INACTIVE: 403,
    MASTER_UNAVAILABLE: 503,
    TENANT_WRITES_FROZEN: 503,
    RATE_LIMITED: 429,
    QUOTA_EXCEEDED: 429,
    API_KEY_REQUIRED: 401,
    API_KEY_FORBIDDEN: 403,
  },
  'tenant-db': {
    TENANT_DB_INVALID: 500,
    TENANT_DB_LOGIN_FAILED: 503,
    TENANT_DB_UNAVAILABLE: 503,
    TENANT_DB_SATURATED: 503,
    TENANT_DB_ACQUIRE_TIMEOUT: 503,
    TENANT_DB_HANDLE_RELEASED: 500,
    TENANT_DB_NESTED_TRANSACTION: 500,
    TENANT_DB_MULTI_STATEMENT: 500,
    TENANT_DB_GATEWAY_PRIVILEGED: 500,
    TENANT_DB_CLOSED: 503,
  },
  robot: {
    CLIENTE_NOT_FOUND: 404,
    CLIENTE_PHONE_TAKEN: 409,
    CONVERSA_NOT_FOUND: 404,
    CONVERSA_ALREADY_OPEN: 409,
    ITEM_NOT_FOUND: 404,
    FOTO_NOT_FOUND: 404,
    SLOT_TAKEN: 409,
    AI_UNAVAILABLE: 503,
    MASTER_UNAVAILABLE: 503,
    REQUESTS_STILL_RUNNING: 503,
  },
  visitante: {
    VISITANTE_SESSION_REQUIRED: 401,
    VISITANTE_SESSION_INVALID: 401,
    VISITANTE_SESSION_EXPIRED: 401,
    VISITANTE_RATE_LIMITED: 429,
  },
  sessions: { INVALID_TOKEN: 401, TOKEN_EXPIRED: 401, TOO_MANY_ATTEMPTS: 429, WEAK_PASSWORD: 422 },
  equipe: {
    EQUIPE_AUTH_REQUIRED: 401,
    INVALID_CREDENTIALS: 401,
    SESSION_REVOKED: 401,
    ROLE_FORBIDDEN: 403,
    USUARIO_NOT_FOUND: 404,
    EMAIL_TAKEN: 409,
    LAST_OWNER: 409,
    INVITE_INVALID: 400,
  },
  painel: { LOJA_INVALIDA: 400 },
  'foto-upload': { FOTO_TOO_LARGE: 413, FOTO_TYPE_UNSUPPORTED: 415, FOTO_UPLOAD_INVALID: 400, FOTO_FILE_NOT_FOUND: 404 },
  // Every vertical's own not-found code (VEICULO_NOT_FOUND, AGENDAMENTOS_NOT_FOUND…).
  'robot-resource': 404,
} as const satisfies ErrorStatuses<RobotAnswerable>;
