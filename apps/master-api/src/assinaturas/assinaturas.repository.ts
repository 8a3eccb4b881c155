import { withTransaction, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import { logSubscriptionEvent, openPendingSubscription, type Autoria, type SubscriptionOrigin } from '@helix/tenant-ops';
import type { AssinaturaStatus } from './assinatura-status';

export interface AssinaturaRow extends RowDataPacket {
  id: number;
  tenant_id: number;
  tenant_key: string;
  tenant_nome: string;
  plano_id: number;
  plano_nome: string;
  preco_mensal: number;
  status: AssinaturaStatus;
  data_inicio: Date | null;
  data_fim: Date | null;
  mp_preapproval_id: string | null;
  checkout_url: string | null;
  criado_em: Date;
  atualizado_em: Date;
}

export interface EventoRow extends RowDataPacket {
  de_status: AssinaturaStatus | null;
  para_status: AssinaturaStatus;
  origem: Origem;
  autor: string;
  motivo: string | null;
  criado_em: Date;
}

export type Origem = SubscriptionOrigin;

/** The subscription an activation ended, so its Mercado Pago billing can be stopped too. */
export interface Replaced {
  id: number;
  mp_preapproval_id: string | null;
}

export type { Autoria };

const SELECT_ASSINATURA = `
  SELECT a.*, t.tenant_key, t.nome AS tenant_nome, p.nome AS plano_nome, p.preco_mensal
  FROM assinaturas a JOIN tenants t ON t.id = a.tenant_id JOIN planos p ON p.id = a.plano_id`;

export class AssinaturasRepository {
  constructor(private readonly db: Pool) {}

  insertPending(connection: PoolConnection, tenantId: number, planoId: number, autoria: Autoria): Promise<number> {
    return openPendingSubscription(connection, tenantId, planoId, autoria);
  }

  async findById(id: number): Promise<AssinaturaRow | undefined> {
    const [rows] = await this.db.execute<AssinaturaRow[]>(`${SELECT_ASSINATURA} WHERE a.id = ?`, [id]);
    return rows[0];
  }

  async findByPreapproval(preapprovalId: string): Promise<AssinaturaRow | undefined> {
    const [rows] = await this.db.execute<AssinaturaRow[]>(`${SELECT_ASSINATURA} WHERE a.mp_preapproval_id = ?`, [preapprovalId]);
    return rows[0];
  }

  async listByTenant(tenantId: number): Promise<AssinaturaRow[]> {
    const [rows] = await this.db.execute<AssinaturaRow[]>(`${SELECT_ASSINATURA} WHERE a.tenant_id = ? ORDER BY a.id DESC`, [tenantId]);
    return rows;
  }

  async history(id: number): Promise<EventoRow[]> {
    const [rows] = await this.db.execute<EventoRow[]>(
      'SELECT de_status, para_status, origem, autor, motivo, criado_em FROM assinaturas_eventos WHERE assinatura_id = ? ORDER BY id',
      [id],
    );
    return rows;
  }

  async setCheckout(id: number, preapprovalId: string, checkoutUrl: string | null): Promise<void> {
    await this.db.execute('UPDATE assinaturas SET mp_preapproval_id = ?, checkout_url = ? WHERE id = ?', [preapprovalId, checkoutUrl, id]);
  }

  /**
   * Moves a subscription from `from` to `to` with its new dates (false if someone else moved it
   * first) and logs it. Activating first ends the tenant's current active subscription, as the
   * one-active-per-tenant key requires, so a plan change takes effect in this same transaction.
   */
  async transition(
    connection: PoolConnection,
    row: Pick<AssinaturaRow, 'id' | 'tenant_id'>,
    change: { from: AssinaturaStatus; to: AssinaturaStatus; data_inicio: Date | null; data_fim: Date | null; now: Date },
    autoria: Autoria,
  ): Promise<{ applied: boolean; replaced: Replaced | null }> {
    const replaced = change.to === 'active' ? await this.endCurrentActive(connection, row, change.now, autoria) : null;
    const [result] = await connection.execute<ResultSetHeader>(
      'UPDATE assinaturas SET status = ?, data_inicio = ?, data_fim = ? WHERE id = ? AND status = ?',
      [change.to, change.data_inicio, change.data_fim, row.id, change.from],
    );
    if (result.affectedRows === 0) return { applied: false, replaced: null };
    await logSubscriptionEvent(connection, row.id, change.from, change.to, autoria);
    return { applied: true, replaced };
  }

  private async endCurrentActive(connection: PoolConnection, row: Pick<AssinaturaRow, 'id' | 'tenant_id'>, now: Date, autoria: Autoria) {
    const [rows] = await connection.execute<(RowDataPacket & Replaced & { data_fim: Date | null })[]>(
      `SELECT id, data_fim, mp_preapproval_id FROM assinaturas WHERE tenant_id = ? AND status = 'active' AND id <> ? FOR UPDATE`,
      [row.tenant_id, row.id],
    );
    const current = rows[0];
    if (!current) return null;
    const ended: AssinaturaStatus = current.data_fim !== null && current.data_fim <= now ? 'expired' : 'cancelled';
    await connection.execute('UPDATE assinaturas SET status = ?, data_fim = COALESCE(data_fim, ?) WHERE id = ?', [ended, now, current.id]);
    await logSubscriptionEvent(connection, current.id, 'active', ended, { ...autoria, motivo: `substituída pela assinatura ${row.id}` });
    return { id: current.id, mp_preapproval_id: current.mp_preapproval_id };
  }

  /** Claims a signed Mercado Pago delivery; false when it was already applied (a replay). */
  async claimNotification(
    connection: PoolConnection,
    notification: { hmac: string; requestId?: string; tipo?: string; recursoId?: string },
    resultado: string,
  ): Promise<boolean> {
    const [result] = await connection.execute<ResultSetHeader>(
      'INSERT IGNORE INTO mercadopago_notificacoes (assinatura_hmac, request_id, tipo, recurso_id, resultado) VALUES (?, ?, ?, ?, ?)',
      [notification.hmac, notification.requestId ?? null, notification.tipo ?? null, notification.recursoId ?? null, resultado],
    );
    return result.affectedRows === 1;
  }

  async notificationSeen(hmac: string): Promise<boolean> {
    const [rows] = await this.db.execute<RowDataPacket[]>('SELECT 1 FROM mercadopago_notificacoes WHERE assinatura_hmac = ?', [hmac]);
    return rows.length > 0;
  }

  /** Subscription changes run again when InnoDB picks them as a deadlock's victim: keep Mercado Pago calls out of `work`. */
  inTransaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }
}
