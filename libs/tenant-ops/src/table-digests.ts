import { quoteCatalogName, quoteIdentifier, type RowDataPacket } from '@helix/db';
import type { Connection } from 'mysql2/promise';

/** Per table: its rows and a digest of their content. */
export type TableDigests = Record<string, { rows: number; digest: string }>;

/**
 * What a move compares under the freeze: a digest of every base table computed by the server
 * itself, so no row crosses the network and the freeze stays short (the backups' ordered SHA-256 in
 * table-checksums.ts reads every row into this process). Per row, an MD5 of its fields as bytes in
 * UTC, with a NULL map (so NULL and '' differ); per table, the XOR of those (the rows' order does
 * not matter) and their sum (duplicates do not cancel out), with the count. Both servers must be
 * MariaDB or MySQL rendering values alike: a difference fails the move, it never hides one.
 * `only`: just those tables (names from the server's own catalogue). Columns come from a `LIMIT 0` read, not information_schema, which on MariaDB 10.11 can crash the
 * server when an ALTER TABLE runs beside it.
 */
export async function tableDigests(connection: Connection, database: string, only?: readonly string[]): Promise<TableDigests> {
  await connection.query("SET time_zone = '+00:00'");
  const db = quoteIdentifier(database);
  const [tables] = await connection.query<RowDataPacket[]>(`SHOW FULL TABLES FROM ${db} WHERE Table_type = 'BASE TABLE'`);
  const digests: TableDigests = {};
  const names = tables.map((row) => String(Object.values(row)[0])).filter((name) => !only || only.includes(name));
  for (const name of names.sort()) {
    const table = `${db}.${quoteCatalogName(name)}`;
    const [, fields] = await connection.query(`SELECT * FROM ${table} LIMIT 0`);
    const columns = fields.map((field) => quoteCatalogName(field.name));
    const row = `MD5(CONCAT_WS(0x00, ${columns.map((c) => `CAST(${c} AS BINARY)`).join(', ')}, CONCAT(${columns.map((c) => `ISNULL(${c})`).join(', ')})))`;
    const [[result]] = await connection.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n,
              COALESCE(BIT_XOR(CAST(CONV(LEFT(h, 16), 16, 10) AS UNSIGNED)), 0) AS x1,
              COALESCE(BIT_XOR(CAST(CONV(RIGHT(h, 16), 16, 10) AS UNSIGNED)), 0) AS x2,
              COALESCE(SUM(CAST(CONV(LEFT(h, 8), 16, 10) AS UNSIGNED)), 0) AS s
       FROM (SELECT ${row} AS h FROM ${table}) AS r`,
    );
    digests[name] = { rows: Number(result.n), digest: `${result.x1}:${result.x2}:${result.s}` };
  }
  return digests;
}
