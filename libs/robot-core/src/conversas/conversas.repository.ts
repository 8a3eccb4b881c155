import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { TenantDb } from '@helix/tenant-context';
import { selectPage, SqlFilters } from '../sql-filters';
import type { ListConversasQuery } from './conversas.schema';

export interface Conversa {
  id: number;
  cliente_id: number;
  status: string;
  ultima_mensagem: string | null;
  ultima_interacao: Date | null;
  criado_em: Date;
}

export interface Mensagem {
  id: number;
  tipo: 'recebida' | 'enviada';
  conteudo: string;
  enviada_em: Date;
}

const COLUMNS = `id, customer_id AS cliente_id, status, last_message AS ultima_mensagem, last_interaction AS ultima_interacao, created_at AS criado_em`;
/** How much of a conversation a GET returns (the newest messages). */
const MESSAGES_SHOWN = 500;
/** The unique key on `open_customer_id`: a customer has at most one conversation that is not over. */
export const OPEN_CONVERSA_KEY = 'uq_conversa_aberta';

/** The tenant's conversations and their messages; every query on the connection it is given. */
export class ConversasRepository {
  async list(db: TenantDb, query: ListConversasQuery): Promise<{ conversas: Conversa[]; total: number }> {
    const filters = new SqlFilters().when(query.status, 'status = ?').when(query.cliente_id, 'customer_id = ?');
    const listing = { select: COLUMNS, from: 'conversations', orderBy: 'COALESCE(last_interaction, created_at) DESC, id DESC' };
    const { rows, total } = await selectPage(db, listing, filters, query);
    return { conversas: rows as Conversa[], total };
  }

  async findById(db: TenantDb, id: number): Promise<Conversa | null> {
    const rows = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM conversations WHERE id = ?`, [id]);
    return (rows[0] as Conversa) ?? null;
  }

  /** Oldest first, the newest `limit` of them. */
  async messages(db: TenantDb, conversaId: number, limit = MESSAGES_SHOWN): Promise<Mensagem[]> {
    const rows = await db.query<RowDataPacket[]>(
      `SELECT * FROM (SELECT id, tipo, conteudo, timestamp AS enviada_em FROM mensagens WHERE conversation_id = ? ORDER BY id DESC LIMIT ?) AS recentes ORDER BY id`,
      [conversaId, limit],
    );
    return rows as Mensagem[];
  }

  async findOpenFor(db: TenantDb, clienteId: number): Promise<number | null> {
    const rows = await db.query<RowDataPacket[]>('SELECT id FROM conversations WHERE open_customer_id = ?', [clienteId]);
    return rows[0]?.id ?? null;
  }

  /** The customer's open conversation, opened now if there is none: one statement on the unique key, so concurrent chats share it. */
  async openFor(db: TenantDb, clienteId: number): Promise<number> {
    const result = await db.query<ResultSetHeader>(
      'INSERT INTO conversations (customer_id) VALUES (?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)',
      [clienteId],
    );
    return result.insertId;
  }

  async addMessage(
    db: TenantDb,
    message: { conversaId: number; clienteId: number; tipo: Mensagem['tipo']; conteudo: string; at: Date },
  ): Promise<void> {
    await db.query('INSERT INTO mensagens (conversation_id, customer_id, tipo, conteudo, timestamp) VALUES (?, ?, ?, ?, ?)', [
      message.conversaId,
      message.clienteId,
      message.tipo,
      message.conteudo,
      message.at,
    ]);
  }

  /** After an exchange: a new conversation is now in progress; the last message and time move on. */
  async touch(db: TenantDb, conversaId: number, lastMessage: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE conversations SET status = IF(status = 'novo', 'em_andamento', status), last_message = ?, last_interaction = ? WHERE id = ?`,
      [lastMessage, at, conversaId],
    );
  }

  async setStatus(db: TenantDb, id: number, status: string): Promise<boolean> {
    return (await db.query<ResultSetHeader>('UPDATE conversations SET status = ? WHERE id = ?', [status, id])).affectedRows > 0;
  }
}
