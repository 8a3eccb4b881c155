import { AppError } from '@helix/http';

/** Stable codes of what tenant operations refuse or fail at; scripts and API clients match on these. */
export enum TenantOpsErrorCode {
  MASTER_UNAVAILABLE = 'MASTER_UNAVAILABLE',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  TENANT_KEY_TAKEN = 'TENANT_KEY_TAKEN',
  DOMAIN_TAKEN = 'DOMAIN_TAKEN',
  DATABASE_TAKEN = 'DATABASE_TAKEN',
  INVALID_TENANT_KEY = 'INVALID_TENANT_KEY',
  INVALID_INPUT = 'INVALID_INPUT',
  PLANO_NOT_FOUND = 'PLANO_NOT_FOUND',
  DATABASE_NOT_FOUND = 'DATABASE_NOT_FOUND',
  DATABASE_EXISTS = 'DATABASE_EXISTS',
  PRINCIPAL_EXISTS = 'PRINCIPAL_EXISTS',
  LEGACY_SCHEMA_MISMATCH = 'LEGACY_SCHEMA_MISMATCH',
  BACKUP_FILE_INVALID = 'BACKUP_FILE_INVALID',
  BACKUP_FILE_EXISTS = 'BACKUP_FILE_EXISTS',
  CHECKSUM_MISMATCH = 'CHECKSUM_MISMATCH',
  DUMP_FAILED = 'DUMP_FAILED',
  ONBOARDING_FAILED = 'ONBOARDING_FAILED',
  SAME_SERVER = 'SAME_SERVER',
  SERVER_UNAVAILABLE = 'SERVER_UNAVAILABLE',
  MOVE_IN_PROGRESS = 'MOVE_IN_PROGRESS',
  ROBOT_UNREACHABLE = 'ROBOT_UNREACHABLE',
  MOVE_FAILED = 'MOVE_FAILED',
  STEP_FAILED = 'STEP_FAILED',
  GATEWAY_NOT_FOUND = 'GATEWAY_NOT_FOUND',
  ROTATION_IN_PROGRESS = 'ROTATION_IN_PROGRESS',
}

/** The HTTP status of each code when an operation runs behind master-api's admin API. */
const STATUS: Record<TenantOpsErrorCode, number> = {
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
  ONBOARDING_FAILED: 500,
  SAME_SERVER: 409,
  SERVER_UNAVAILABLE: 503,
  MOVE_IN_PROGRESS: 409,
  ROBOT_UNREACHABLE: 503,
  MOVE_FAILED: 500,
  STEP_FAILED: 500,
  GATEWAY_NOT_FOUND: 404,
  ROTATION_IN_PROGRESS: 409,
};

/** An AppError, so master-api renders it as any other; the CLI prints its code and message. */
export class TenantOpsError extends AppError {
  declare readonly code: TenantOpsErrorCode;
  declare readonly details: Record<string, unknown> | undefined;

  constructor(code: TenantOpsErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown; status?: number }) {
    super(options?.status ?? STATUS[code], code, message, details);
    this.name = 'TenantOpsError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The message of anything thrown, for reports that must name each failure in one line. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
