/** Stable codes of what tenant operations refuse or fail at; scripts match on these. */
export enum TenantOpsErrorCode {
  MASTER_UNAVAILABLE = 'MASTER_UNAVAILABLE',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  TENANT_EXISTS = 'TENANT_EXISTS',
  INVALID_TENANT_KEY = 'INVALID_TENANT_KEY',
  DATABASE_NOT_FOUND = 'DATABASE_NOT_FOUND',
  DATABASE_EXISTS = 'DATABASE_EXISTS',
  LEGACY_SCHEMA_MISMATCH = 'LEGACY_SCHEMA_MISMATCH',
  BACKUP_FILE_INVALID = 'BACKUP_FILE_INVALID',
  BACKUP_FILE_EXISTS = 'BACKUP_FILE_EXISTS',
  CHECKSUM_MISMATCH = 'CHECKSUM_MISMATCH',
  DUMP_FAILED = 'DUMP_FAILED',
  STEP_FAILED = 'STEP_FAILED',
}

export class TenantOpsError extends Error {
  constructor(
    readonly code: TenantOpsErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TenantOpsError';
  }
}

/** The message of anything thrown, for reports that must name each failure in one line. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
