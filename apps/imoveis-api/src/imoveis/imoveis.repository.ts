import { containsPattern, selectPage, SqlFilters, writableColumns, type PhotosRepository } from '@helix/robot-core';
import type { Imovel } from '@helix/contracts';
import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { IMOVEL_FIELDS, SELECT_IMOVEL } from './imovel.mapping';
import { imoveisOrder, type CreateImovelInput, type ListImoveisQuery, type UpdateImovelInput } from './imoveis.schema';

const writable = writableColumns(IMOVEL_FIELDS);

/** The tenant's properties (`imoveis`), each with its photos; every query on the connection it is given. */
export class ImoveisRepository {
  constructor(private readonly photos: PhotosRepository) {}

  async list(db: TenantDb, query: ListImoveisQuery): Promise<{ items: Imovel[]; total: number }> {
    const filters = new SqlFilters()
      .when(query.status === 'todos' ? undefined : query.status, 'status = ?')
      .when(query.tipo, 'tipo = ?')
      .when(query.finalidade, 'finalidade = ?')
      .when(query.bairro, 'bairro LIKE ?', query.bairro && containsPattern(query.bairro))
      .when(query.cidade, 'cidade LIKE ?', query.cidade && containsPattern(query.cidade))
      .when(query.quartos_min, 'quartos >= ?')
      .when(query.area_min, 'area_m2 >= ?')
      .when(query.preco_min, 'preco >= ?')
      .when(query.preco_max, 'preco <= ?');
    const { rows, total } = await selectPage(
      db,
      { select: SELECT_IMOVEL, from: db.table('imoveis'), orderBy: imoveisOrder.orderBy(query.ordem) },
      filters,
      query,
    );
    return { items: await this.withPhotos(db, rows), total };
  }

  async findById(db: TenantDb, id: number): Promise<Imovel | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${SELECT_IMOVEL} FROM ${db.table('imoveis')} WHERE id = ?`, [id]);
    return rows.length ? (await this.withPhotos(db, rows))[0] : null;
  }

  async insert(db: TenantDb, input: CreateImovelInput): Promise<number> {
    const row = writable.insert(input);
    return (await db.query<ResultSetHeader>(`INSERT INTO imoveis ${row.sql}`, row.params)).insertId;
  }

  async update(db: TenantDb, id: number, changes: UpdateImovelInput): Promise<boolean> {
    const set = writable.assignments(changes);
    return (await db.query<ResultSetHeader>(`UPDATE imoveis SET ${set.sql} WHERE id = ?`, [...set.params, id])).affectedRows > 0;
  }

  async remove(db: TenantDb, id: number): Promise<boolean> {
    return (await db.query<ResultSetHeader>('DELETE FROM imoveis WHERE id = ?', [id])).affectedRows > 0;
  }

  private withPhotos(db: TenantDb, rows: RowDataPacket[]): Promise<Imovel[]> {
    return this.photos.attachTo(db, rows as Omit<Imovel, 'fotos'>[]);
  }
}
