import { DomainError } from '@helix/contracts';

/** What can go wrong between a request and its tenant's database: stable codes, one pt-BR message each. */
export const TENANT_DB_ERROR_CODES = [
  'TENANT_DB_INVALID',
  'TENANT_DB_LOGIN_FAILED',
  'TENANT_DB_UNAVAILABLE',
  'TENANT_DB_SATURATED',
  'TENANT_DB_ACQUIRE_TIMEOUT',
  'TENANT_DB_HANDLE_RELEASED',
  'TENANT_DB_NESTED_TRANSACTION',
  'TENANT_DB_MULTI_STATEMENT',
  'TENANT_DB_GATEWAY_PRIVILEGED',
  'TENANT_DB_CLOSED',
] as const;
export type TenantDbErrorCode = (typeof TENANT_DB_ERROR_CODES)[number];

function tenantDbErrorMessage(code: TenantDbErrorCode): string {
  switch (code) {
    case 'TENANT_DB_INVALID':
      return 'Configuração do banco de dados do cliente inválida.';
    case 'TENANT_DB_LOGIN_FAILED':
      return 'Não foi possível acessar o banco de dados do cliente.';
    case 'TENANT_DB_UNAVAILABLE':
      return 'Banco de dados do cliente indisponível. Tente novamente em instantes.';
    case 'TENANT_DB_SATURATED':
    case 'TENANT_DB_ACQUIRE_TIMEOUT':
      return 'Serviço sobrecarregado. Tente novamente em instantes.';
    case 'TENANT_DB_HANDLE_RELEASED':
      return 'Acesso ao banco de dados fora da requisição que o obteve.';
    case 'TENANT_DB_NESTED_TRANSACTION':
      return 'Transação aninhada não é suportada.';
    case 'TENANT_DB_MULTI_STATEMENT':
      return 'Comando SQL com mais de uma instrução recusado.';
    case 'TENANT_DB_GATEWAY_PRIVILEGED':
      return 'A conta de acesso dos robôs não pode ter privilégios próprios.';
    case 'TENANT_DB_CLOSED':
      return 'Serviço encerrando.';
  }
}

/** Passing conditions (the server away or busy, the instance stopping): the client may retry in a second. */
const TEMPORARY: ReadonlySet<TenantDbErrorCode> = new Set([
  'TENANT_DB_LOGIN_FAILED',
  'TENANT_DB_UNAVAILABLE',
  'TENANT_DB_SATURATED',
  'TENANT_DB_ACQUIRE_TIMEOUT',
  'TENANT_DB_CLOSED',
]);

export class TenantDbError extends DomainError<'tenant-db', TenantDbErrorCode> {
  constructor(
    code: TenantDbErrorCode,
    readonly tenantKey?: string,
    cause?: unknown,
  ) {
    super('tenant-db', code, tenantDbErrorMessage(code), { retryAfterSeconds: TEMPORARY.has(code) ? 1 : undefined, cause });
    this.name = 'TenantDbError';
  }
}

/** Logins refused; MariaDB answers an unknown user (a dropped gateway) with either of the first two (which one depends on the name and the server's accounts). */
const ACCESS_DENIED = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_ACCOUNT_HAS_BEEN_LOCKED',
  'ER_PASSWORD_EXPIRED',
]);

export const isLoginRefused = (error: unknown) => ACCESS_DENIED.has((error as { code?: string } | null)?.code ?? '');
