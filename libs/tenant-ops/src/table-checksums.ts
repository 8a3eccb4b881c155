import { createHash } from 'node:crypto';
import { quoteCatalogName, quoteIdentifier } from '@helix/db';
import type { Connection } from 'mysql2/promise';
import { describeTables, streamRawRows } from './table-shapes';

export type TableChecksums = Record<string, { rows: number; sha256: string }>;

/**
 * An ordered content hash per table: rows read in primary-key order as the server's own text
 * (no type conversion, UTC session), each field length-prefixed. Equal hashes mean equal content,
 * whatever engine version or row format holds it (CHECKSUM TABLE depends on both).
 */
export async function tableChecksums(connection: Connection, database: string): Promise<TableChecksums> {
  await connection.query("SET time_zone = '+00:00'");
  const result: TableChecksums = {};
  for (const table of await describeTables(connection, database)) {
    const hash = createHash('sha256');
    let rows = 0;
    const sql = `SELECT * FROM ${quoteIdentifier(database)}.${quoteCatalogName(table.name)} ORDER BY ${table.orderBy.map(quoteCatalogName).join(', ')}`;
    for await (const row of streamRawRows(connection, sql)) {
      for (const field of row) {
        if (field === null) hash.update('\u0000');
        else hash.update(lengthPrefix(field.length)).update(field);
      }
      rows += 1;
    }
    result[table.name] = { rows, sha256: hash.digest('hex') };
  }
  return result;
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(5);
  prefix[0] = 1;
  prefix.writeUInt32BE(length, 1);
  return prefix;
}

/** Tables whose content differs (missing on either side counts), by name: for checksums and digests alike. */
export function checksumDifferences<T extends { rows: number }>(expected: Record<string, T>, actual: Record<string, T>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  // Entries are built field by field in one order, so equal content serialises alike.
  return [...names].filter((name) => JSON.stringify(expected[name] ?? null) !== JSON.stringify(actual[name] ?? null)).sort();
}
