import type { TenantDb } from '@helix/tenant-context';
import type { RowDataPacket } from 'mysql2/promise';

export interface Visitante {
  id: string;
  cliente_id: number | null;
}

/** The store's visitor sessions (`visitantes`); every query on the connection it is given. */
export class VisitantesRepository {
  async insert(db: TenantDb, id: string, at: Date): Promise<void> {
    await db.query('INSERT INTO visitantes (id, created_at, last_seen_at) VALUES (?, ?, ?)', [id, at, at]);
  }

  async find(db: TenantDb, id: string): Promise<Visitante | null> {
    const rows = await db.query<RowDataPacket[]>('SELECT id, customer_id AS cliente_id FROM visitantes WHERE id = ?', [id]);
    return (rows[0] as Visitante) ?? null;
  }

  /** In a transaction: the visitor, locked until it ends, so its concurrent first messages make one customer. */
  async lock(db: TenantDb, id: string): Promise<Visitante | null> {
    const rows = await db.query<RowDataPacket[]>('SELECT id, customer_id AS cliente_id FROM visitantes WHERE id = ? FOR UPDATE', [id]);
    return (rows[0] as Visitante) ?? null;
  }

  async link(db: TenantDb, id: string, clienteId: number, at: Date): Promise<void> {
    await db.query('UPDATE visitantes SET customer_id = ?, last_seen_at = ? WHERE id = ?', [clienteId, at, id]);
  }

  async seen(db: TenantDb, id: string, at: Date): Promise<void> {
    await db.query('UPDATE visitantes SET last_seen_at = ? WHERE id = ?', [at, id]);
  }
}
