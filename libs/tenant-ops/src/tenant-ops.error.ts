import { DomainError } from '@helix/contracts';

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
  SERVER_NOT_FOUND = 'SERVER_NOT_FOUND',
  SERVER_EXISTS = 'SERVER_EXISTS',
  SERVER_NOT_EMPTY = 'SERVER_NOT_EMPTY',
  SERVER_RETIRED = 'SERVER_RETIRED',
  NO_SERVER_AVAILABLE = 'NO_SERVER_AVAILABLE',
}

/** What tenant operations throw; master-api answers it through its table, the CLI prints its code and message. */
export class TenantOpsError extends DomainError<'tenant-ops', TenantOpsErrorCode> {
  declare readonly details: Record<string, unknown> | undefined;

  constructor(code: TenantOpsErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super('tenant-ops', code, message, { details, cause: options?.cause });
    this.name = 'TenantOpsError';
  }
}

/** The message of anything thrown, for reports that must name each failure in one line. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
