import { quoteIdentifier } from '@helix/db';
import { defineRoute } from '@helix/http';
import { tenantOf, type TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { z } from 'zod';
import type { RobotAccess } from '../robot-access';
import { RobotError } from '../robot.error';

/** Photos of catalogue items (carros' `car_images`, imoveis' `imagens`); names are code constants. */
export interface PhotoKind {
  table: string;
  fk: string;
  parentTable: string;
  parentPath: string;
  parentLabel: string;
  tag: string;
}

export interface Foto {
  id: number;
  url: string;
  ordem: number;
  principal: boolean;
}


const photoUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((url) => !/[\s<>"']/.test(url), 'URL inválida');

export const addPhotoSchema = z.strictObject({
  url: photoUrl,
  ordem: z.number().int().min(0).max(10_000).default(0),
  principal: z.boolean().default(false),
});

export function photosRepository(kind: PhotoKind) {
  const table = quoteIdentifier(kind.table);
  const fk = quoteIdentifier(kind.fk);
  return {
    /** The items with their `fotos`, loaded in one query (principal first, then by `ordem`). */
    async attachTo<R extends { id: number }>(db: TenantDb, items: readonly R[]): Promise<(R & { fotos: Foto[] })[]> {
      const byItem = await this.forItems(db, items.map((item) => item.id));
      return items.map((item) => ({ ...item, fotos: byItem.get(item.id) ?? [] }));
    },

    /** Also a storefront read: under the catalogue reader, the table is named with the tenant's database. */
    async forItems(db: TenantDb, ids: readonly number[]): Promise<Map<number, Foto[]>> {
      const byItem = new Map<number, Foto[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return byItem;
      const rows = await db.query<RowDataPacket[]>(
        `SELECT id, ${fk} AS item_id, url, ordem, is_principal FROM ${db.table(kind.table)} WHERE ${fk} IN (?) ORDER BY is_principal DESC, ordem, id`,
        [ids],
      );
      for (const row of rows) byItem.get(row.item_id)?.push({ id: row.id, url: row.url, ordem: row.ordem, principal: Boolean(row.is_principal) });
      return byItem;
    },

    async add(db: TenantDb, itemId: number, photo: z.infer<typeof addPhotoSchema>): Promise<number> {
      // One principal photo per item: choosing a new one demotes the others.
      if (photo.principal) await db.query(`UPDATE ${table} SET is_principal = 0 WHERE ${fk} = ?`, [itemId]);
      const result = await db.query<ResultSetHeader>(`INSERT INTO ${table} (${fk}, url, ordem, is_principal) VALUES (?, ?, ?, ?)`, [
        itemId,
        photo.url,
        photo.ordem,
        photo.principal,
      ]);
      return result.insertId;
    },

    async remove(db: TenantDb, itemId: number, photoId: number): Promise<boolean> {
      return (await db.query<ResultSetHeader>(`DELETE FROM ${table} WHERE id = ? AND ${fk} = ?`, [photoId, itemId])).affectedRows > 0;
    },

    async itemExists(db: TenantDb, itemId: number): Promise<boolean> {
      return (await db.query<RowDataPacket[]>(`SELECT 1 FROM ${quoteIdentifier(kind.parentTable)} WHERE id = ?`, [itemId])).length > 0;
    },
  };
}

const itemParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const photoParam = itemParam.extend({ fotoId: z.coerce.number().int().positive().max(2_147_483_647) });

export function photoRoutes(access: RobotAccess, kind: PhotoKind) {
  const photos = photosRepository(kind);
  const itemNotFound = (id: number) => new RobotError('ITEM_NOT_FOUND', `${kind.parentLabel} ${id} não encontrado(a).`);
  return [
    access.apiKey(
      defineRoute({
        method: 'post',
        path: `${kind.parentPath}/:id/fotos`,
        tag: kind.tag,
        summary: 'Adiciona uma foto (URL http/https); principal: true a torna a foto de capa',
        params: itemParam,
        body: addPhotoSchema,
        status: 201,
        handle: ({ req, params, body }) =>
          tenantOf(req).db.transaction(async (db) => {
            if (!(await photos.itemExists(db, params.id))) throw itemNotFound(params.id);
            const id = await photos.add(db, params.id, body);
            return { id, url: body.url, ordem: body.ordem, principal: body.principal } satisfies Foto;
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        method: 'delete',
        path: `${kind.parentPath}/:id/fotos/:fotoId`,
        tag: kind.tag,
        summary: 'Remove uma foto',
        params: photoParam,
        status: 204,
        handle: async ({ req, params }) => {
          if (!(await photos.remove(tenantOf(req).db, params.id, params.fotoId))) {
            throw new RobotError('FOTO_NOT_FOUND', `Foto ${params.fotoId} não encontrada.`);
          }
        },
      }),
    ),
  ];
}
