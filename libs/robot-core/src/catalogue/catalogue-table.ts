import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { selectPage, type PageQuery, type SqlFilters } from '../sql-filters';
import type { SqlPart } from '../writable-columns';
import type { CatalogueRepository } from './catalogue.routes';

/** What tells one vertical's inventory table from another's: the SQL around it is the same. */
export interface CatalogueTable<Item, ListQuery extends PageQuery, Create, Update> {
  /** As the seed names it (`cars`). */
  table: string;
  /** The columns a row is read with (before its photos). */
  select: string;
  /** Its writableColumns. */
  writable: { insert(input: Create): SqlPart; assignments(changes: Update): SqlPart };
  filters(query: ListQuery): SqlFilters;
  orderBy(query: ListQuery): string;
  /** Rows as read by `select`, as items (with their photos). */
  toItems(db: TenantDb, rows: RowDataPacket[]): Promise<Item[]>;
}

/**
 * A vertical's inventory repository over one table. Reads name the table through `db.table` (they
 * also serve the storefront under the catalogue reader); writes run on the tenant's own connection.
 */
export class CatalogueTableRepository<Item, ListQuery extends PageQuery, Create, Update> implements CatalogueRepository<
  Item,
  ListQuery,
  Create,
  Update
> {
  constructor(private readonly spec: CatalogueTable<Item, ListQuery, Create, Update>) {}

  async list(db: TenantDb, query: ListQuery): Promise<{ items: Item[]; total: number }> {
    const { select, table, orderBy, filters, toItems } = this.spec;
    const { rows, total } = await selectPage(db, { select, from: db.table(table), orderBy: orderBy(query) }, filters(query), query);
    return { items: await toItems(db, rows), total };
  }

  async findById(db: TenantDb, id: number): Promise<Item | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${this.spec.select} FROM ${db.table(this.spec.table)} WHERE id = ?`, [id]);
    return rows.length ? (await this.spec.toItems(db, rows))[0] : null;
  }

  async insert(db: TenantDb, input: Create): Promise<number> {
    const row = this.spec.writable.insert(input);
    return (await db.query<ResultSetHeader>(`INSERT INTO ${this.spec.table} ${row.sql}`, row.params)).insertId;
  }

  async update(db: TenantDb, id: number, changes: Update): Promise<boolean> {
    const set = this.spec.writable.assignments(changes);
    return (await db.query<ResultSetHeader>(`UPDATE ${this.spec.table} SET ${set.sql} WHERE id = ?`, [...set.params, id])).affectedRows > 0;
  }

  async remove(db: TenantDb, id: number): Promise<boolean> {
    return (await db.query<ResultSetHeader>(`DELETE FROM ${this.spec.table} WHERE id = ?`, [id])).affectedRows > 0;
  }
}
