import type { TenantDb } from '@helix/tenant-context';
import type { RowDataPacket } from 'mysql2/promise';

/**
 * The WHERE clause of a filtered listing: AND-ed conditions written in code, each with its value
 * as a placeholder parameter. Request input only ever reaches `params`.
 */
export class SqlFilters {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `condition` (one `?`) when `value` is given. */
  when(value: unknown, condition: string, param: unknown = value): this {
    if (value !== undefined && value !== null && value !== '') {
      this.conditions.push(condition);
      this.params.push(param);
    }
    return this;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Which page of a listing a request asks for. */
export interface PageQuery {
  page: number;
  per_page: number;
}

/** Code-written parts of a listing's SQL: columns, table (as the handle names it: `db.table('cars')`) and order. */
export interface Listing {
  select: string;
  from: string;
  orderBy: string;
}

/**
 * One page of a filtered listing, and how many rows match in all. A page that is not full tells the
 * total by itself (most storefronts fit in one page), so the count runs only for a full page or one
 * past the end.
 */
export async function selectPage(
  db: TenantDb,
  listing: Listing,
  filters: { where: string; params: unknown[] },
  page: PageQuery,
): Promise<{ rows: RowDataPacket[]; total: number }> {
  const { where, params } = filters;
  const offset = (page.page - 1) * page.per_page;
  const rows = await db.query<RowDataPacket[]>(
    `SELECT ${listing.select} FROM ${listing.from} ${where} ORDER BY ${listing.orderBy} LIMIT ? OFFSET ?`,
    [...params, page.per_page, offset],
  );
  if (rows.length < page.per_page && (rows.length > 0 || offset === 0)) return { rows, total: offset + rows.length };
  const count = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS total FROM ${listing.from} ${where}`, params);
  return { rows, total: Number(count[0].total) };
}
