import { quoteIdentifier } from '@helix/db';
import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { selectPage, SqlFilters } from '../sql-filters';
import type { BookingKind } from './booking-kind';
import type { BookingFilters, BookingInput } from './bookings.schema';

/** A vertical's bookings table (`agendamentos`, `visitas`), named by its kind; every query on the tenant's connection. */
export class BookingsRepository {
  private readonly table: string;
  private readonly itemColumn: string;
  private readonly columns: string;

  constructor(private readonly kind: BookingKind) {
    this.table = quoteIdentifier(kind.table);
    this.itemColumn = quoteIdentifier(kind.item.column);
    const itemField = quoteIdentifier(kind.item.field);
    this.columns = [
      'id',
      'customer_id AS cliente_id',
      `${this.itemColumn} AS ${itemField}`,
      ...(kind.tipos ? ['tipo'] : []),
      // As UTC ISO 8601 text, made by MySQL: the year as written even below 100 (mysql2 would read 0050 as 1950).
      `DATE_FORMAT(data_agendada, '%Y-%m-%dT%H:%i:%s.000Z') AS data_agendada`,
      'status',
      'observacoes',
      'created_at AS criado_em',
    ].join(', ');
  }

  async list(db: TenantDb, filters: BookingFilters) {
    const where = new SqlFilters()
      .when(filters.status, 'status = ?')
      .when(filters.cliente_id, 'customer_id = ?')
      .when(filters.item_id, `${this.itemColumn} = ?`)
      .when(filters.de, 'data_agendada >= ?')
      .when(filters.ate, 'data_agendada < ?');
    const { rows, total } = await selectPage(db, { select: this.columns, from: this.table, orderBy: 'data_agendada, id' }, where, filters);
    return { items: rows, total };
  }

  async findById(db: TenantDb, id: number) {
    return (await db.query<RowDataPacket[]>(`SELECT ${this.columns} FROM ${this.table} WHERE id = ?`, [id]))[0] ?? null;
  }

  async insert(db: TenantDb, input: BookingInput): Promise<number> {
    const { tipos } = this.kind;
    const names = ['customer_id', this.itemColumn, ...(tipos ? ['tipo'] : []), 'data_agendada', 'observacoes'];
    const values = [input.cliente_id, input.item_id, ...(tipos ? [input.tipo] : []), input.data_agendada, input.observacoes];
    const result = await db.query<ResultSetHeader>(`INSERT INTO ${this.table} (${names.join(', ')}) VALUES (?)`, [values]);
    return result.insertId;
  }

  async update(
    db: TenantDb,
    id: number,
    changes: { status?: string; data_agendada?: Date; observacoes?: string | null },
  ): Promise<boolean> {
    const fields = Object.keys(changes) as (keyof typeof changes)[];
    const result = await db.query<ResultSetHeader>(
      `UPDATE ${this.table} SET ${fields.map((f) => `${quoteIdentifier(f)} = ?`).join(', ')} WHERE id = ?`,
      [...fields.map((f) => changes[f]), id],
    );
    return result.affectedRows > 0;
  }

  async itemExists(db: TenantDb, itemId: number): Promise<boolean> {
    return (await db.query<RowDataPacket[]>(`SELECT 1 FROM ${quoteIdentifier(this.kind.item.table)} WHERE id = ?`, [itemId])).length > 0;
  }
}
