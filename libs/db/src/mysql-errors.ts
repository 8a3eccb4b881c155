import { DomainError, type DomainErrorExtras } from '@helix/contracts';

/** MySQL/MariaDB failures that are the client's (a duplicate, a bad value…) or passing (the server away), not a fault. */
export type MysqlErrorKind = 'duplicate' | 'referenced' | 'missing_reference' | 'invalid_value' | 'access_denied' | 'unavailable';

const BY_CODE: Record<string, MysqlErrorKind> = {
  ER_DUP_ENTRY: 'duplicate',
  ER_ROW_IS_REFERENCED: 'referenced',
  ER_ROW_IS_REFERENCED_2: 'referenced',
  ER_NO_REFERENCED_ROW: 'missing_reference',
  ER_NO_REFERENCED_ROW_2: 'missing_reference',
  ER_DATA_TOO_LONG: 'invalid_value',
  ER_TRUNCATED_WRONG_VALUE: 'invalid_value',
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: 'invalid_value',
  WARN_DATA_TRUNCATED: 'invalid_value',
  ER_WARN_DATA_OUT_OF_RANGE: 'invalid_value',
  ER_BAD_NULL_ERROR: 'invalid_value',
  ER_DBACCESS_DENIED_ERROR: 'access_denied',
  ER_TABLEACCESS_DENIED_ERROR: 'access_denied',
  ER_ACCESS_DENIED_ERROR: 'access_denied',
  // A login refused by an authentication plugin (unix_socket…), and MariaDB's answer to some unknown logins.
  ER_ACCESS_DENIED_NO_PASSWORD_ERROR: 'access_denied',
  ER_CON_COUNT_ERROR: 'unavailable',
  ER_TOO_MANY_USER_CONNECTIONS: 'unavailable',
  ER_LOCK_WAIT_TIMEOUT: 'unavailable',
  ER_LOCK_DEADLOCK: 'unavailable',
  ER_SERVER_SHUTDOWN: 'unavailable',
  PROTOCOL_CONNECTION_LOST: 'unavailable',
  ECONNREFUSED: 'unavailable',
  ETIMEDOUT: 'unavailable',
  ECONNRESET: 'unavailable',
  EPIPE: 'unavailable',
  EHOSTUNREACH: 'unavailable',
  // Galera: "WSREP has not yet prepared node for application use", and a node the failover pool found unsynced.
  ER_UNKNOWN_COM_ERROR: 'unavailable',
  WSREP_NOT_READY: 'unavailable',
};

export function classifyMysqlError(error: unknown): MysqlErrorKind | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? BY_CODE[code] : undefined;
}

export type DatabaseErrorCode = 'CONFLICT' | 'IN_USE' | 'REFERENCE_NOT_FOUND' | 'INVALID_VALUE' | 'ACCESS_DENIED' | 'DATABASE_UNAVAILABLE';
export type DatabaseError = DomainError<'database', DatabaseErrorCode>;

const AS_DOMAIN_ERROR: Record<MysqlErrorKind, { code: DatabaseErrorCode; message: string; extras?: DomainErrorExtras }> = {
  duplicate: { code: 'CONFLICT', message: 'Já existe um registro com estes dados.' },
  referenced: { code: 'IN_USE', message: 'O registro está em uso e não pode ser removido.' },
  missing_reference: { code: 'REFERENCE_NOT_FOUND', message: 'Um registro referenciado não existe.' },
  invalid_value: { code: 'INVALID_VALUE', message: 'Um dos valores enviados é inválido.' },
  access_denied: { code: 'ACCESS_DENIED', message: 'Acesso negado a estes dados.' },
  unavailable: {
    code: 'DATABASE_UNAVAILABLE',
    message: 'Banco de dados indisponível. Tente novamente em instantes.',
    extras: { retryAfterSeconds: 5 },
  },
};

/** A classified MySQL failure as the domain error its client is told (never its SQL); undefined for anything else. */
export function databaseErrorOf(error: unknown): DatabaseError | undefined {
  const kind = classifyMysqlError(error);
  if (!kind) return undefined;
  const { code, message, extras } = AS_DOMAIN_ERROR[kind];
  return new DomainError('database', code, message, { ...extras, cause: error });
}

/** For ER_DUP_ENTRY: the name of the unique key that was hit, so callers can say which field clashed. */
export function duplicateKeyName(error: unknown): string | undefined {
  const message = (error as { sqlMessage?: string } | null)?.sqlMessage ?? '';
  return /for key '(?:[^'.]*\.)?([^']+)'/.exec(message)?.[1];
}
