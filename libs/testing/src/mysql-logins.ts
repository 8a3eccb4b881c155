import { connectOnce, quoteCatalogName, quoteIdentifier, type RowDataPacket } from '@helix/db';
import { rootSql, testMysqlUrl } from './test-scope';

export interface Login {
  user: string;
  password: string;
}

/** `url` (the test server by default) with another login in it: a tenant's principal, a gateway, a second admin. */
export function urlAs(login: Login, url = testMysqlUrl()): string {
  const withLogin = new URL(url);
  withLogin.username = login.user;
  withLogin.password = login.password;
  return withLogin.toString();
}

/** Connects as `login`, as a robot or an operator elsewhere would. */
export const connectAs = (login: Login, database?: string, url = testMysqlUrl()) => connectOnce(urlAs(login, url), database);

/** Roles are rows of mysql.user too, under their own name (MariaDB marks them is_role). */
export async function roleExists(role: string, url = testMysqlUrl()): Promise<boolean> {
  const rows = await rootSql<RowDataPacket[]>('SELECT is_role FROM mysql.user WHERE user = ?', [role], undefined, url);
  return rows.some((row) => String(row.is_role) === 'Y');
}

/** What a robot gets to reach one tenant: its vertical's gateway login, the tenant's role and database. */
export interface GatewayAccess {
  gateway: Login;
  role: string;
  database: string;
}

/** Logs in as the gateway, takes the tenant's role and its database (as a robot does per request) and counts `table`'s rows. */
export async function countRowsThroughGateway(access: GatewayAccess, table: string, url = testMysqlUrl()): Promise<number> {
  const gateway = await connectAs(access.gateway, undefined, url);
  try {
    await gateway.query(`SET ROLE ${quoteIdentifier(access.role)}`);
    await gateway.query(`USE ${quoteIdentifier(access.database)}`);
    const [rows] = await gateway.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(table)}`);
    return Number(rows[0].n);
  } finally {
    await gateway.end();
  }
}

/** What a storefront read gets: the vertical's gateway login and catalogue reader role, and the tenant's database to name. */
export interface CatalogueReaderAccess {
  gateway: Login;
  catalogueReader: { role: string };
  database: string;
}

/** Logs in as the gateway, takes the vertical's catalogue reader (as a storefront read does, with no default database) and runs `sql`. */
export async function queryAsCatalogueReader<T = RowDataPacket[]>(
  access: CatalogueReaderAccess,
  sql: string,
  url = testMysqlUrl(),
): Promise<T> {
  const gateway = await connectAs(access.gateway, undefined, url);
  try {
    await gateway.query(`SET ROLE ${quoteIdentifier(access.catalogueReader.role)}`);
    return (await gateway.query(sql))[0] as T;
  } finally {
    await gateway.end();
  }
}

/** `table`'s rows in the tenant's database, counted under the vertical's catalogue reader. */
export async function countRowsAsCatalogueReader(access: CatalogueReaderAccess, table: string, url = testMysqlUrl()): Promise<number> {
  const rows = await queryAsCatalogueReader<RowDataPacket[]>(
    access,
    `SELECT COUNT(*) AS n FROM ${quoteIdentifier(access.database)}.${quoteCatalogName(table)}`,
    url,
  );
  return Number(rows[0].n);
}
