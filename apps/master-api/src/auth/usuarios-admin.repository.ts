import type { Pool, RowDataPacket } from '@helix/db';
import type { AdminRole } from './auth.schema';

export interface UsuarioAdminRow extends RowDataPacket {
  id: number;
  email: string;
  nome: string;
  senha_hash: string;
  role: AdminRole;
  ativo: number;
}

export class UsuariosAdminRepository {
  constructor(private readonly db: Pool) {}

  async findActiveByEmail(email: string): Promise<UsuarioAdminRow | undefined> {
    const [rows] = await this.db.execute<UsuarioAdminRow[]>(
      'SELECT id, email, nome, senha_hash, role, ativo FROM usuarios_admin WHERE email = ? AND ativo = 1',
      [email],
    );
    return rows[0];
  }

  /** Inserts unless the email exists; returns whether a row was created. */
  async insertIfAbsent(user: { email: string; nome: string; senhaHash: string; role: AdminRole }): Promise<boolean> {
    const [result] = await this.db.execute<import('@helix/db').ResultSetHeader>(
      'INSERT IGNORE INTO usuarios_admin (email, nome, senha_hash, role) VALUES (?, ?, ?, ?)',
      [user.email, user.nome, user.senhaHash, user.role],
    );
    return result.affectedRows === 1;
  }
}
