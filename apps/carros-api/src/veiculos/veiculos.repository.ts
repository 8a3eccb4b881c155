import { containsPattern, photosRepository, type Foto } from '@helix/robot-core';
import type { TenantDb, TenantHandle } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { carPhotos } from '../carros.kinds';
import { SELECT_VEICULO, statusFromDb, statusToDb, VEICULO_COLUMNS, type VeiculoField, type VeiculoStatus } from './veiculo.mapping';
import type { CreateVeiculoInput, ListVeiculosQuery, UpdateVeiculoInput } from './veiculos.schema';

export interface Veiculo {
  id: number;
  marca: string;
  modelo: string;
  ano: number;
  ano_modelo: number | null;
  preco: number;
  km: number | null;
  cor: string | null;
  combustivel: string | null;
  cambio: string | null;
  descricao: string | null;
  status: VeiculoStatus;
  fotos: Foto[];
}

type Db = TenantDb | TenantHandle;
const photos = photosRepository(carPhotos);

const toDbValue = (field: VeiculoField, value: unknown) => (field === 'status' ? statusToDb(value as VeiculoStatus) : value);

async function withPhotos(db: Db, rows: RowDataPacket[]): Promise<Veiculo[]> {
  const fotos = await photos.forItems(db, rows.map((row) => row.id));
  return rows.map((row) => ({ ...(row as Omit<Veiculo, 'fotos'>), status: statusFromDb(row.status), fotos: fotos.get(row.id) ?? [] }));
}

export const veiculosRepository = {
  async list(db: TenantDb, query: ListVeiculosQuery): Promise<{ veiculos: Veiculo[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      conditions.push(sql);
      params.push(value);
    };
    if (query.status !== 'todos') add('status = ?', statusToDb(query.status));
    if (query.marca) add('brand LIKE ?', containsPattern(query.marca));
    if (query.modelo) add('model LIKE ?', containsPattern(query.modelo));
    if (query.ano_min) add('year >= ?', query.ano_min);
    if (query.ano_max) add('year <= ?', query.ano_max);
    if (query.preco_max) add('price <= ?', query.preco_max);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await db.query<RowDataPacket[]>(`SELECT ${SELECT_VEICULO} FROM cars ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, [
      ...params,
      query.per_page,
      (query.page - 1) * query.per_page,
    ]);
    const [count] = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS total FROM cars ${where}`, params);
    return { veiculos: await withPhotos(db, rows), total: Number(count.total) };
  },

  async findById(db: Db, id: number): Promise<Veiculo | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${SELECT_VEICULO} FROM cars WHERE id = ?`, [id]);
    return rows.length ? (await withPhotos(db, rows))[0] : null;
  },

  async insert(db: Db, input: CreateVeiculoInput): Promise<number> {
    const fields = Object.keys(input) as VeiculoField[];
    const result = await db.query<ResultSetHeader>(`INSERT INTO cars (${fields.map((f) => VEICULO_COLUMNS[f]).join(', ')}) VALUES (?)`, [
      fields.map((f) => toDbValue(f, input[f])),
    ]);
    return result.insertId;
  },

  async update(db: Db, id: number, changes: UpdateVeiculoInput): Promise<boolean> {
    const fields = Object.keys(changes) as VeiculoField[];
    const result = await db.query<ResultSetHeader>(`UPDATE cars SET ${fields.map((f) => `${VEICULO_COLUMNS[f]} = ?`).join(', ')} WHERE id = ?`, [
      ...fields.map((f) => toDbValue(f, changes[f])),
      id,
    ]);
    return result.affectedRows > 0;
  },

  async remove(db: Db, id: number): Promise<boolean> {
    return (await db.query<ResultSetHeader>('DELETE FROM cars WHERE id = ?', [id])).affectedRows > 0;
  },
};
