export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** A MySQL server's host as a tenant's registry entry may name it: a host name, an IPv4 or a bare IPv6 literal. */
export const isServerHost = (host: unknown): host is string => typeof host === 'string' && /^[a-zA-Z0-9.:-]{1,255}$/.test(host);

/** mysql://user:pass@host:port → connection fields (a path, if any, is ignored: databases are chosen per use). */
export function parseMysqlUrl(url: string): MysqlServer {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`MYSQL_URL deve começar com mysql:// (recebido ${parsed.protocol})`);
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
  };
}

export function formatMysqlUrl(server: MysqlServer): string {
  const auth = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user);
  return `mysql://${auth}@${server.host}:${server.port}`;
}
