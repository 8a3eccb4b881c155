import { withTransaction, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import type { AdminRole } from './auth.schema';

/** An account as admins see it: never its password hash nor its session version. */
export interface UsuarioAdmin {
  id: number;
  email: string;
  nome: string;
  role: AdminRole;
  ativo: boolean;
  criado_em: Date;
}

export interface UsuarioAdminComSenha extends UsuarioAdmin {
  senha_hash: string;
  sessao_versao: number;
}

export type CampoEvento = 'conta' | 'nome' | 'role' | 'ativo' | 'senha' | 'sessoes';

/** One changed field; `de`/`para` are null where there is no value to show (creation, passwords). */
export interface Mudanca {
  campo: CampoEvento;
  de: string | null;
  para: string | null;
}

export interface EventoRow extends RowDataPacket, Mudanca {
  autor: string;
  criado_em: Date;
}

type Row = RowDataPacket & Omit<UsuarioAdminComSenha, 'ativo'> & { ativo: number };

/** Everything but the password hash and the session version. */
const PUBLIC_COLUMNS = 'id, email, nome, role, ativo, criado_em';

const toUsuarioAdmin = ({ id, email, nome, role, ativo, criado_em }: Row): UsuarioAdmin => ({
  id,
  email,
  nome,
  role,
  ativo: ativo === 1,
  criado_em,
});

export class UsuariosAdminRepository {
  constructor(private readonly db: Pool) {}

  async findActiveByEmail(email: string): Promise<UsuarioAdminComSenha | undefined> {
    const [rows] = await this.db.execute<Row[]>(
      `SELECT ${PUBLIC_COLUMNS}, senha_hash, sessao_versao FROM usuarios_admin WHERE email = ? AND ativo = 1`,
      [email],
    );
    return rows[0] && { ...toUsuarioAdmin(rows[0]), senha_hash: rows[0].senha_hash, sessao_versao: rows[0].sessao_versao };
  }

  async findPasswordHash(id: number): Promise<string | undefined> {
    const [rows] = await this.db.execute<Row[]>('SELECT senha_hash FROM usuarios_admin WHERE id = ?', [id]);
    return rows[0]?.senha_hash;
  }

  async findById(id: number): Promise<UsuarioAdmin | undefined> {
    const [rows] = await this.db.execute<Row[]>(`SELECT ${PUBLIC_COLUMNS} FROM usuarios_admin WHERE id = ?`, [id]);
    return rows[0] && toUsuarioAdmin(rows[0]);
  }

  async list(): Promise<UsuarioAdmin[]> {
    const [rows] = await this.db.execute<Row[]>(`SELECT ${PUBLIC_COLUMNS} FROM usuarios_admin ORDER BY id`);
    return rows.map(toUsuarioAdmin);
  }

  async history(id: number): Promise<EventoRow[]> {
    const [rows] = await this.db.execute<EventoRow[]>(
      'SELECT campo, de, para, autor, criado_em FROM usuarios_admin_eventos WHERE usuario_id = ? ORDER BY id',
      [id],
    );
    return rows;
  }

  /** Creates the account and logs its creation, unless the e-mail exists; returns the new id. */
  insertIfAbsent(user: { email: string; nome: string; senhaHash: string; role: AdminRole }, autor: string): Promise<number | undefined> {
    return withTransaction(this.db, async (connection) => {
      const [result] = await connection.execute<ResultSetHeader>(
        'INSERT IGNORE INTO usuarios_admin (email, nome, senha_hash, role) VALUES (?, ?, ?, ?)',
        [user.email, user.nome, user.senhaHash, user.role],
      );
      if (result.affectedRows !== 1) return undefined;
      await logChanges(connection, result.insertId, [{ campo: 'conta', de: null, para: user.role }], autor);
      return result.insertId;
    });
  }

  /**
   * Locks the target and every active admin until the transaction ends, so that concurrent changes
   * that could remove the last active admin run one after the other, each seeing the last one's result.
   */
  async lockForChange(connection: PoolConnection, id: number): Promise<UsuarioAdmin[]> {
    const [rows] = await connection.execute<Row[]>(
      `SELECT ${PUBLIC_COLUMNS} FROM usuarios_admin WHERE id = ? OR (role = 'admin' AND ativo = 1) ORDER BY id FOR UPDATE`,
      [id],
    );
    return rows.map(toUsuarioAdmin);
  }

  /** Writes the new values and logs each change; `endSessions` bumps the session version. */
  async update(
    connection: PoolConnection,
    next: Pick<UsuarioAdmin, 'id' | 'nome' | 'role' | 'ativo'>,
    changes: Mudanca[],
    endSessions: boolean,
    autor: string,
  ): Promise<void> {
    await connection.execute('UPDATE usuarios_admin SET nome = ?, role = ?, ativo = ?, sessao_versao = sessao_versao + ? WHERE id = ?', [
      next.nome,
      next.role,
      next.ativo ? 1 : 0,
      endSessions ? 1 : 0,
      next.id,
    ]);
    await logChanges(connection, next.id, changes, autor);
  }

  /**
   * Replaces the password if it is still `currentHash` (a concurrent change wins otherwise) and ends
   * every session; returns the new session version, or undefined when the password had changed.
   */
  setPassword(id: number, currentHash: string, newHash: string, autor: string): Promise<number | undefined> {
    return withTransaction(this.db, async (connection) => {
      const [result] = await connection.execute<ResultSetHeader>(
        'UPDATE usuarios_admin SET senha_hash = ?, sessao_versao = sessao_versao + 1 WHERE id = ? AND senha_hash = ?',
        [newHash, id, currentHash],
      );
      if (result.affectedRows !== 1) return undefined;
      await logChanges(connection, id, [{ campo: 'senha', de: null, para: null }], autor);
      return sessionVersion(connection, id);
    });
  }

  async endAllSessions(id: number, autor: string): Promise<void> {
    await withTransaction(this.db, async (connection) => {
      await connection.execute('UPDATE usuarios_admin SET sessao_versao = sessao_versao + 1 WHERE id = ?', [id]);
      await logChanges(connection, id, [{ campo: 'sessoes', de: null, para: 'encerradas' }], autor);
    });
  }

  /** Admin changes run again when InnoDB picks them as a deadlock's victim: `work` touches only the database. */
  inTransaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }
}

async function logChanges(connection: PoolConnection, usuarioId: number, changes: Mudanca[], autor: string): Promise<void> {
  await connection.query('INSERT INTO usuarios_admin_eventos (usuario_id, campo, de, para, autor) VALUES ?', [
    changes.map((change) => [usuarioId, change.campo, change.de, change.para, autor]),
  ]);
}

async function sessionVersion(connection: PoolConnection, id: number): Promise<number> {
  const [rows] = await connection.execute<Row[]>('SELECT sessao_versao FROM usuarios_admin WHERE id = ?', [id]);
  return rows[0].sessao_versao;
}
