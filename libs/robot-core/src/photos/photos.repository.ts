import type { Foto } from '@helix/contracts';
import { quoteIdentifier } from '@helix/db';
import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { PhotoKind } from './photo-kind';
import type { AddPhotoInput } from './photos.schema';

export type { Foto };

/** A kind's photos table, on the tenant's connection it is given. */
export class PhotosRepository {
  private readonly table: string;
  private readonly fk: string;

  constructor(private readonly kind: PhotoKind) {
    this.table = quoteIdentifier(kind.table);
    this.fk = quoteIdentifier(kind.fk);
  }

  /** The items with their `fotos`, loaded in one query (principal first, then by `ordem`). */
  async attachTo<R extends { id: number }>(db: TenantDb, items: readonly R[]): Promise<(R & { fotos: Foto[] })[]> {
    const byItem = await this.forItems(
      db,
      items.map((item) => item.id),
    );
    return items.map((item) => ({ ...item, fotos: byItem.get(item.id) ?? [] }));
  }

  /** Also a storefront read: under the catalogue reader, the table is named with the tenant's database. */
  async forItems(db: TenantDb, ids: readonly number[]): Promise<Map<number, Foto[]>> {
    const byItem = new Map<number, Foto[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byItem;
    const rows = await db.query<RowDataPacket[]>(
      `SELECT id, ${this.fk} AS item_id, url, ordem, is_principal FROM ${db.table(this.kind.table)} WHERE ${this.fk} IN (?) ORDER BY is_principal DESC, ordem, id`,
      [ids],
    );
    for (const row of rows)
      byItem.get(row.item_id)?.push({ id: row.id, url: row.url, ordem: row.ordem, principal: Boolean(row.is_principal) });
    return byItem;
  }

  async add(db: TenantDb, itemId: number, photo: AddPhotoInput): Promise<number> {
    // One principal photo per item: choosing a new one demotes the others.
    if (photo.principal) await db.query(`UPDATE ${this.table} SET is_principal = 0 WHERE ${this.fk} = ?`, [itemId]);
    const result = await db.query<ResultSetHeader>(`INSERT INTO ${this.table} (${this.fk}, url, ordem, is_principal) VALUES (?, ?, ?, ?)`, [
      itemId,
      photo.url,
      photo.ordem,
      photo.principal,
    ]);
    return result.insertId;
  }

  /** The removed photo's url (so an uploaded file can go with it); undefined when the item has no such photo. */
  async remove(db: TenantDb, itemId: number, photoId: number): Promise<string | undefined> {
    return db.transaction(async (tx) => {
      const [row] = await tx.query<RowDataPacket[]>(`SELECT url FROM ${this.table} WHERE id = ? AND ${this.fk} = ? FOR UPDATE`, [
        photoId,
        itemId,
      ]);
      if (!row) return undefined;
      await tx.query<ResultSetHeader>(`DELETE FROM ${this.table} WHERE id = ?`, [photoId]);
      return row.url as string;
    });
  }

  async itemExists(db: TenantDb, itemId: number): Promise<boolean> {
    return (await db.query<RowDataPacket[]>(`SELECT 1 FROM ${quoteIdentifier(this.kind.parentTable)} WHERE id = ?`, [itemId])).length > 0;
  }
}
