import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { TenantDb } from '@helix/tenant-context';
import { containsPattern } from '../search-terms';
import { selectPage } from '../sql-filters';
import { writableColumns } from '../writable-columns';
import type { CreateClienteInput, ListClientesQuery, UpdateClienteInput } from './clientes.schema';

/** A customer as the API speaks it (the seed's `customers` table in English). */
export interface Cliente {
  id: number;
  /** NULL for a store visitor who has not given one yet. */
  telefone: string | null;
  nome: string | null;
  email: string | null;
  cpf: string | null;
  observacoes: string | null;
  criado_em: Date;
  atualizado_em: Date;
}

const COLUMNS = `id, phone AS telefone, name AS nome, email, cpf, notes AS observacoes, created_at AS criado_em, updated_at AS atualizado_em`;
const writable = writableColumns<keyof UpdateClienteInput>({ nome: 'name', email: 'email', cpf: 'cpf', observacoes: 'notes' });

/** The tenant's customers; every query on the connection it is given. */
export class ClientesRepository {
  async list(db: TenantDb, query: ListClientesQuery): Promise<{ clientes: Cliente[]; total: number }> {
    const filters = query.busca
      ? { where: 'WHERE name LIKE ? OR phone LIKE ?', params: [containsPattern(query.busca), containsPattern(query.busca)] }
      : { where: '', params: [] };
    const { rows, total } = await selectPage(db, { select: COLUMNS, from: 'customers', orderBy: 'id DESC' }, filters, query);
    return { clientes: rows as Cliente[], total };
  }

  async findById(db: TenantDb, id: number): Promise<Cliente | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM customers WHERE id = ?`, [id]);
    return (rows[0] as Cliente) ?? null;
  }

  async findByPhone(db: TenantDb, telefone: string): Promise<Cliente | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM customers WHERE phone = ?`, [telefone]);
    return (rows[0] as Cliente) ?? null;
  }

  async insert(db: TenantDb, input: CreateClienteInput): Promise<number> {
    const result = await db.query<ResultSetHeader>('INSERT INTO customers (phone, name, email, cpf, notes) VALUES (?, ?, ?, ?, ?)', [
      input.telefone,
      input.nome ?? null,
      input.email ?? null,
      input.cpf ?? null,
      input.observacoes ?? null,
    ]);
    return result.insertId;
  }

  /** The chat's customer: found by phone, or created; a name is filled in if it was missing. */
  async upsertByPhone(db: TenantDb, telefone: string, nome: string | null): Promise<number> {
    const result = await db.query<ResultSetHeader>(
      'INSERT INTO customers (phone, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), name = COALESCE(name, VALUES(name))',
      [telefone, nome],
    );
    return result.insertId;
  }

  /** A store visitor's customer, before any phone is known. */
  async insertWithoutPhone(db: TenantDb, nome: string | null): Promise<number> {
    return (await db.query<ResultSetHeader>('INSERT INTO customers (name) VALUES (?)', [nome])).insertId;
  }

  /** Gives a phone to a customer that had none (false if it had one); a name is filled in if it was missing. */
  async claimPhone(db: TenantDb, id: number, telefone: string, nome: string | null): Promise<boolean> {
    const result = await db.query<ResultSetHeader>(
      'UPDATE customers SET phone = ?, name = COALESCE(name, ?) WHERE id = ? AND phone IS NULL',
      [telefone, nome, id],
    );
    return result.affectedRows > 0;
  }

  /** A name is filled in if it was missing; one already given stays. */
  async fillName(db: TenantDb, id: number, nome: string): Promise<void> {
    await db.query('UPDATE customers SET name = COALESCE(name, ?) WHERE id = ?', [nome, id]);
  }

  async update(db: TenantDb, id: number, changes: UpdateClienteInput): Promise<boolean> {
    const set = writable.assignments(changes);
    return (await db.query<ResultSetHeader>(`UPDATE customers SET ${set.sql} WHERE id = ?`, [...set.params, id])).affectedRows > 0;
  }
}
