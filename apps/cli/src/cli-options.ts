import { InvalidArgumentError } from 'commander';
import { isTenantKey } from '@helix/contracts';
import { isSafeIdentifier, isServerHost } from '@helix/db';

export function parseTenantKey(value: string): string {
  if (!isTenantKey(value))
    throw new InvalidArgumentError(`chave de cliente inválida '${value}' (a-z, 0-9 e _, 3 a 40 caracteres, começando por letra)`);
  return value;
}

export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('use um inteiro de 1 a 64');
  return n;
}

export function parseDatabaseName(value: string): string {
  if (!isSafeIdentifier(value)) throw new InvalidArgumentError(`nome de banco inválido '${value}' (a-z, 0-9 e _, começando por letra)`);
  return value;
}

export function parsePlanoId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('use o id numérico de um plano');
  return n;
}

/** `mysql://host:port` of a server holding tenant databases; reached with TENANT_DB_URL's admin account. */
export function parseServerUrl(value: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`use mysql://host:porta (recebido '${value}')`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (
    !['mysql:', 'mariadb:'].includes(url.protocol) ||
    !isServerHost(host) ||
    url.username ||
    url.password ||
    (url.pathname && url.pathname !== '/')
  ) {
    throw new InvalidArgumentError('use mysql://host:porta, sem usuário, senha ou banco (a conta de administração vem de TENANT_DB_URL)');
  }
  return { host, port: url.port ? Number(url.port) : 3306 };
}

/** `host:port` of a server holding tenant databases, as the tenants' rows name it (port 3306 if left out). */
export function parseServerAddress(value: string): { host: string; port: number } {
  try {
    return parseServerUrl(`mysql://${value}`);
  } catch {
    throw new InvalidArgumentError(`use host:porta (recebido '${value}')`);
  }
}

/** Seconds, 0 to an hour. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 3600) throw new InvalidArgumentError('use um inteiro de 0 a 3600 (segundos)');
  return n;
}

/** Capacity of a tenant database server, in tenants. */
export function parseCapacity(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 100_000) throw new InvalidArgumentError('use um inteiro de 0 a 100000 (clientes)');
  return n;
}

/** The id of a registered server (`helix servers list`). */
export function parseServerId(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1)
    throw new InvalidArgumentError(`use o id numérico de um servidor (helix servers list), recebido '${value}'`);
  return n;
}
