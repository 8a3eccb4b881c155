import type { Pool, RowDataPacket } from '@helix/db';
import type { AdminRole } from './auth.schema';

/** The account behind a token as it is now, and whether that token was logged out. */
export interface SessionState {
  id: number;
  email: string;
  nome: string;
  role: AdminRole;
  ativo: boolean;
  sessao_versao: number;
  encerrada: boolean;
}

type Row = RowDataPacket & Omit<SessionState, 'ativo' | 'encerrada'> & { ativo: number; encerrada: number };

export class AdminSessionsRepository {
  constructor(private readonly db: Pool) {}

  /** Every authenticated request: one round trip, two primary-key lookups; undefined once the account is gone. */
  async state(adminId: number, jti: string): Promise<SessionState | undefined> {
    const [rows] = await this.db.execute<Row[]>(
      `SELECT u.id, u.email, u.nome, u.role, u.ativo, u.sessao_versao,
              EXISTS (SELECT 1 FROM admin_sessoes_encerradas s WHERE s.jti = ?) AS encerrada
       FROM usuarios_admin u WHERE u.id = ?`,
      [jti, adminId],
    );
    const row = rows[0];
    return row && { ...row, ativo: row.ativo === 1, encerrada: row.encerrada === 1 };
  }

  /**
   * Ends one token. Its row is needed only until the token expires, so each logout also drops the rows
   * of tokens expired by `now` (the clock tokens are checked against): the table stays within the
   * logouts of one token lifetime.
   */
  async end(jti: string, expiresAt: Date, now: Date): Promise<void> {
    await this.db.execute('INSERT IGNORE INTO admin_sessoes_encerradas (jti, expira_em) VALUES (?, ?)', [jti, expiresAt]);
    await this.db.execute('DELETE FROM admin_sessoes_encerradas WHERE expira_em < ?', [now]);
  }
}
