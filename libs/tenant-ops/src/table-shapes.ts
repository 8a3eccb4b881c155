import type { Connection as CoreConnection } from 'mysql2';
import type { Connection, RowDataPacket } from 'mysql2/promise';

export interface ColumnShape {
  name: string;
  /** information_schema DATA_TYPE: how a dumper writes the value. */
  dataType: string;
  /** COLUMN_TYPE (`int(11)`, `enum('a','b')`): what a schema check compares. */
  columnType: string;
  generated: boolean;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** Primary key columns, else every column: a total order to read rows in. */
  orderBy: string[];
}

/** The base tables of `database` with their columns, in name order. */
export async function describeTables(connection: Connection, database: string): Promise<TableShape[]> {
  const [columns] = await connection.query<RowDataPacket[]>(
    `SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS name, c.DATA_TYPE AS data_type, c.COLUMN_TYPE AS column_type,
            c.EXTRA AS extra, c.COLUMN_KEY AS column_key
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
     WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'
     ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
    [database],
  );
  const [keys] = await connection.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name FROM information_schema.key_column_usage
     WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [database],
  );
  const tables = new Map<string, TableShape>();
  for (const row of columns) {
    const table: TableShape = tables.get(row.table_name) ?? { name: row.table_name, columns: [], orderBy: [] };
    table.columns.push({
      name: row.name,
      dataType: String(row.data_type).toLowerCase(),
      columnType: String(row.column_type).toLowerCase(),
      generated: /GENERATED|VIRTUAL|PERSISTENT|STORED/i.test(String(row.extra)),
    });
    tables.set(row.table_name, table);
  }
  for (const key of keys) tables.get(key.table_name)?.orderBy.push(key.name);
  for (const table of tables.values()) if (table.orderBy.length === 0) table.orderBy = table.columns.map((c) => c.name);
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Rows as the server's own text, unconverted, streamed one at a time (memory stays flat). The
 * promise API cannot stream, so this goes through the core connection underneath it.
 */
export function streamRawRows(connection: Connection, sql: string): AsyncIterable<(Buffer | null)[]> {
  const core = (connection as unknown as { connection: CoreConnection }).connection;
  // A function, as mysql2 swaps `typeCast: false` for the connection's own (UTC_DATES), which makes Dates.
  return core.query({ sql, rowsAsArray: true, typeCast: (field) => field.buffer() }).stream() as AsyncIterable<(Buffer | null)[]>;
}
