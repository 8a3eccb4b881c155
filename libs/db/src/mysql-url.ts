export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

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
