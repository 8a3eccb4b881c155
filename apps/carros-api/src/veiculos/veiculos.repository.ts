import { containsPattern, selectPage, SqlFilters, writableColumns, type PhotosRepository } from '@helix/robot-core';
import type { Veiculo } from '@helix/contracts';
import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { SELECT_VEICULO, statusFromDb, statusToDb, VEICULO_COLUMNS, type VeiculoStatus } from './veiculo.mapping';
import { veiculosOrder, type CreateVeiculoInput, type ListVeiculosQuery, type UpdateVeiculoInput } from './veiculos.schema';

const writable = writableColumns(VEICULO_COLUMNS, (field, value) => (field === 'status' ? statusToDb(value as VeiculoStatus) : value));

/** The tenant's cars (the seed's `cars`), each with its photos; every query on the connection it is given. */
export class VeiculosRepository {
  constructor(private readonly photos: PhotosRepository) {}

  async list(db: TenantDb, query: ListVeiculosQuery): Promise<{ items: Veiculo[]; total: number }> {
    const filters = new SqlFilters()
      .when(query.status === 'todos' ? undefined : statusToDb(query.status), 'status = ?')
      .when(query.marca, 'brand LIKE ?', query.marca && containsPattern(query.marca))
      .when(query.modelo, 'model LIKE ?', query.modelo && containsPattern(query.modelo))
      .when(query.ano_min, 'year >= ?')
      .when(query.ano_max, 'year <= ?')
      .when(query.preco_min, 'price >= ?')
      .when(query.preco_max, 'price <= ?');
    const { rows, total } = await selectPage(
      db,
      { select: SELECT_VEICULO, from: db.table('cars'), orderBy: veiculosOrder.orderBy(query.ordem) },
      filters,
      query,
    );
    return { items: await this.withPhotos(db, rows), total };
  }

  async findById(db: TenantDb, id: number): Promise<Veiculo | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${SELECT_VEICULO} FROM ${db.table('cars')} WHERE id = ?`, [id]);
    return rows.length ? (await this.withPhotos(db, rows))[0] : null;
  }

  async insert(db: TenantDb, input: CreateVeiculoInput): Promise<number> {
    const row = writable.insert(input);
    return (await db.query<ResultSetHeader>(`INSERT INTO cars ${row.sql}`, row.params)).insertId;
  }

  async update(db: TenantDb, id: number, changes: UpdateVeiculoInput): Promise<boolean> {
    const set = writable.assignments(changes);
    return (await db.query<ResultSetHeader>(`UPDATE cars SET ${set.sql} WHERE id = ?`, [...set.params, id])).affectedRows > 0;
  }

  async remove(db: TenantDb, id: number): Promise<boolean> {
    return (await db.query<ResultSetHeader>('DELETE FROM cars WHERE id = ?', [id])).affectedRows > 0;
  }

  private async withPhotos(db: TenantDb, rows: RowDataPacket[]): Promise<Veiculo[]> {
    const veiculos = rows.map((row) => ({ ...(row as Omit<Veiculo, 'fotos'>), status: statusFromDb(row.status) }));
    return this.photos.attachTo(db, veiculos);
  }
}
