import type { TenantDb } from '@helix/tenant-context';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { CreateUsuarioInput, Papel, StaffMember, UpdateUsuarioInput } from './equipe.schema';

/** A staff member as the owner sees it in the team list. */
export interface Usuario extends StaffMember {
  ativo: boolean;
  /** Has not yet set a password (invited, not accepted). */
  convite_pendente: boolean;
  created_at: Date;
}

interface Account extends StaffMember {
  ativo: boolean;
  sessao_versao: number;
}

export interface Invite {
  hash: string;
  expiresAt: Date;
}

const USUARIO_COLUMNS = 'id, email, nome, papel, ativo, senha_hash IS NULL AS convite_pendente, created_at';

const toUsuario = (row: RowDataPacket): Usuario => ({
  id: row.id,
  email: row.email,
  nome: row.nome,
  papel: row.papel as Papel,
  ativo: Boolean(row.ativo),
  convite_pendente: Boolean(row.convite_pendente),
  created_at: row.created_at,
});

const toAccount = (row: RowDataPacket): Account => ({
  id: row.id,
  email: row.email,
  nome: row.nome,
  papel: row.papel as Papel,
  ativo: Boolean(row.ativo),
  sessao_versao: row.sessao_versao,
});

/** The store's staff (`equipe_usuarios`) and its ended sessions, on the tenant's own database. */
export class EquipeRepository {
  async list(db: TenantDb): Promise<Usuario[]> {
    return (await db.query<RowDataPacket[]>(`SELECT ${USUARIO_COLUMNS} FROM equipe_usuarios ORDER BY nome, id`)).map(toUsuario);
  }

  async findById(db: TenantDb, id: number): Promise<Usuario | undefined> {
    const [row] = await db.query<RowDataPacket[]>(`SELECT ${USUARIO_COLUMNS} FROM equipe_usuarios WHERE id = ?`, [id]);
    return row && toUsuario(row);
  }

  /** Only active members who have set a password can sign in. */
  async findLoginByEmail(db: TenantDb, email: string): Promise<(Account & { senha_hash: string }) | undefined> {
    const [row] = await db.query<RowDataPacket[]>(
      'SELECT id, email, nome, papel, ativo, sessao_versao, senha_hash FROM equipe_usuarios WHERE email = ? AND ativo AND senha_hash IS NOT NULL',
      [email],
    );
    return row && { ...toAccount(row), senha_hash: row.senha_hash };
  }

  /** The account a token names and whether that very session was logged out, in one round trip. */
  async sessionState(db: TenantDb, id: number, jti: string): Promise<(Account & { encerrada: boolean }) | undefined> {
    const [row] = await db.query<RowDataPacket[]>(
      `SELECT id, email, nome, papel, ativo, sessao_versao,
              EXISTS (SELECT 1 FROM equipe_sessoes_encerradas WHERE jti = ?) AS encerrada
         FROM equipe_usuarios WHERE id = ?`,
      [jti, id],
    );
    return row && { ...toAccount(row), encerrada: Boolean(row.encerrada) };
  }

  /** Remembers a logged-out token until it would have expired anyway; forgets those past it. */
  async endSession(db: TenantDb, jti: string, expiresAt: Date, now: Date): Promise<void> {
    await db.query('INSERT IGNORE INTO equipe_sessoes_encerradas (jti, expira_em) VALUES (?, ?)', [jti, expiresAt]);
    await db.query('DELETE FROM equipe_sessoes_encerradas WHERE expira_em < ?', [now]);
  }

  async emailExists(db: TenantDb, email: string): Promise<boolean> {
    return (await db.query<RowDataPacket[]>('SELECT 1 FROM equipe_usuarios WHERE email = ?', [email])).length > 0;
  }

  async insert(db: TenantDb, input: CreateUsuarioInput, invite: Invite): Promise<number> {
    const result = await db.query<ResultSetHeader>(
      'INSERT INTO equipe_usuarios (email, nome, papel, convite_hash, convite_expira_em) VALUES (?, ?, ?, ?, ?)',
      [input.email, input.nome, input.papel, invite.hash, invite.expiresAt],
    );
    return result.insertId;
  }

  async setInvite(db: TenantDb, id: number, invite: Invite): Promise<boolean> {
    const result = await db.query<ResultSetHeader>('UPDATE equipe_usuarios SET convite_hash = ?, convite_expira_em = ? WHERE id = ?', [
      invite.hash,
      invite.expiresAt,
      id,
    ]);
    return result.affectedRows > 0;
  }

  /**
   * Uses up a live invite of an active member: sets the password and ends every other session of
   * the account (an invite also serves to reset a forgotten password). Undefined: no such invite.
   */
  async acceptInvite(db: TenantDb, inviteHash: string, senhaHash: string, now: Date): Promise<Account | undefined> {
    return db.transaction(async (tx) => {
      const [row] = await tx.query<RowDataPacket[]>(
        'SELECT id FROM equipe_usuarios WHERE convite_hash = ? AND convite_expira_em > ? AND ativo FOR UPDATE',
        [inviteHash, now],
      );
      if (!row) return undefined;
      await tx.query(
        `UPDATE equipe_usuarios
            SET senha_hash = ?, convite_hash = NULL, convite_expira_em = NULL, sessao_versao = sessao_versao + 1
          WHERE id = ?`,
        [senhaHash, row.id],
      );
      const [account] = await tx.query<RowDataPacket[]>(
        'SELECT id, email, nome, papel, ativo, sessao_versao FROM equipe_usuarios WHERE id = ?',
        [row.id],
      );
      return toAccount(account);
    });
  }

  /**
   * Applies the patch under a lock on the store's active owners, so two owners cannot demote each
   * other at once. A change of role or a deactivation ends the member's sessions. `keepsAnOwner`
   * is asked before anything changes; false leaves everything as it was.
   */
  async update(
    db: TenantDb,
    id: number,
    patch: UpdateUsuarioInput,
    keepsAnOwner: (target: Usuario, activeOwners: number) => boolean,
  ): Promise<'updated' | 'not-found' | 'last-owner'> {
    return db.transaction(async (tx) => {
      const owners = await tx.query<RowDataPacket[]>("SELECT id FROM equipe_usuarios WHERE papel = 'dono' AND ativo FOR UPDATE");
      const [row] = await tx.query<RowDataPacket[]>(`SELECT ${USUARIO_COLUMNS} FROM equipe_usuarios WHERE id = ? FOR UPDATE`, [id]);
      if (!row) return 'not-found';
      const target = toUsuario(row);
      if (!keepsAnOwner(target, owners.length)) return 'last-owner';
      const endsSessions = (patch.papel !== undefined && patch.papel !== target.papel) || (patch.ativo === false && target.ativo);
      await tx.query(
        `UPDATE equipe_usuarios
            SET nome = COALESCE(?, nome), papel = COALESCE(?, papel), ativo = COALESCE(?, ativo),
                sessao_versao = sessao_versao + ?
          WHERE id = ?`,
        [patch.nome ?? null, patch.papel ?? null, patch.ativo ?? null, endsSessions ? 1 : 0, id],
      );
      return 'updated';
    });
  }
}
