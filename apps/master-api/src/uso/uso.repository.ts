import { randomBytes } from 'node:crypto';
import type { RobotVertical } from '@helix/contracts';
import { withTransaction, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import { liveTenantSql } from '@helix/tenant-ops';
import { CURRENT_ASSINATURA_ID_SQL } from '../assinaturas/assinatura-status';

/** An accepted event, ready to be counted. */
export interface MeteredEvent {
  id: string;
  tenant_id: number;
  mes: string;
  mensagens: number;
  tokens: number;
  at: Date;
}

export interface UsageAgainstPlan extends RowDataPacket {
  tenant_id: number;
  mes: string;
  mensagens_usadas: number;
  tokens_usados: number;
  plano_id: number | null;
  plano_nome: string | null;
  limite_mensagens: number | null;
  limite_tokens: number | null;
}

export interface AlertaRow extends RowDataPacket {
  tenant_key: string;
  nome: string;
  mes: string;
  recurso: 'mensagens' | 'tokens';
  limiar: number;
  usado: number;
  limite: number;
  criado_em: Date;
}

export interface NewAlerta {
  tenant_id: number;
  mes: string;
  recurso: 'mensagens' | 'tokens';
  limiar: number;
  usado: number;
  limite: number;
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const utcDateTime = (at: Date) => at.toISOString().slice(0, 23).replace('T', ' ');
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export class UsoRepository {
  constructor(private readonly db: Pool) {}

  /** Tenant ids of the keys that are tenants of `vertical` (active or suspended: a suspended tenant's past usage still counts). */
  async tenantIds(keys: string[], vertical: RobotVertical): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const [rows] = await this.db.query<(RowDataPacket & { id: number; tenant_key: string })[]>(
      `SELECT id, tenant_key FROM tenants WHERE tenant_key IN (?) AND robo_tipo = ? AND ${liveTenantSql('status')}`,
      [keys, vertical],
    );
    return new Map(rows.map((row) => [row.tenant_key, row.id]));
  }

  /**
   * Counts each event id once, ever, and returns the ids this call counted. The ledger's primary
   * key decides: a concurrent call inserting the same id waits for ours and then sees it as a
   * duplicate. Ids and counters are locked in sorted order so concurrent batches rarely deadlock;
   * when they do, the whole transaction is retried.
   */
  async count(events: MeteredEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const sorted = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Background work (robots' shippers): worth waiting out a lock wait timeout too.
    return withTransaction(this.db, (connection) => this.countIn(connection, sorted), { attempts: 5, lockWaitTimeouts: true });
  }

  private async countIn(connection: PoolConnection, sorted: MeteredEvent[]): Promise<Set<string>> {
    const lote = randomBytes(16);
    // IGNORE skips ids already in the ledger; every value was validated, so nothing else is ignored.
    // `at` goes as UTC text (the pool's time zone): escaping a Date per row is a visible cost here.
    const [inserted] = await connection.query<ResultSetHeader>(
      'INSERT IGNORE INTO uso_eventos (id, tenant_id, mes, mensagens, tokens, ocorrido_em, lote) VALUES ?',
      [sorted.map((e) => [uuidBytes(e.id), e.tenant_id, e.mes, e.mensagens, e.tokens, utcDateTime(e.at), lote])],
    );
    let counted: MeteredEvent[];
    if (inserted.affectedRows === sorted.length) counted = sorted;
    else if (inserted.affectedRows === 0) counted = [];
    else {
      const [rows] = await connection.query<(RowDataPacket & { id: Buffer })[]>('SELECT id FROM uso_eventos WHERE id IN (?) AND lote = ?', [
        sorted.map((e) => uuidBytes(e.id)),
        lote,
      ]);
      const ours = new Set(rows.map((row) => uuidText(row.id)));
      counted = sorted.filter((e) => ours.has(e.id));
    }
    if (counted.length > 0) await this.increment(connection, counted);
    return new Set(counted.map((e) => e.id));
  }

  /** One atomic upsert per (tenant, month) touched by the batch. */
  private async increment(connection: PoolConnection, events: MeteredEvent[]): Promise<void> {
    const totals = new Map<string, [tenantId: number, mes: string, mensagens: number, tokens: number]>();
    for (const e of events) {
      const key = `${e.tenant_id}|${e.mes}`;
      const row = totals.get(key) ?? [e.tenant_id, e.mes, 0, 0];
      row[2] += e.mensagens;
      row[3] += e.tokens;
      totals.set(key, row);
    }
    const rows = [...totals.values()].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    await connection.query(
      `INSERT INTO uso_tokens (tenant_id, mes, mensagens_usadas, tokens_usados) VALUES ?
       ON DUPLICATE KEY UPDATE mensagens_usadas = mensagens_usadas + VALUES(mensagens_usadas), tokens_usados = tokens_usados + VALUES(tokens_usados)`,
      [rows],
    );
  }

  /**
   * Usage of the given tenants and months next to the limits of the plan each one is paying for
   * now (an active subscription within its dates): only those can cross a limit. Reached through
   * the one-active-per-tenant unique key, so a batch touching many tenants stays one cheap query.
   */
  async againstActivePlan(tenantIds: number[], months: string[], now: Date): Promise<UsageAgainstPlan[]> {
    const [rows] = await this.db.query<UsageAgainstPlan[]>(
      `SELECT u.tenant_id, u.mes, u.mensagens_usadas, u.tokens_usados,
              p.id AS plano_id, p.nome AS plano_nome, p.limite_mensagens, p.limite_tokens
       FROM uso_tokens u
       JOIN assinaturas a ON a.ativa_tenant_id = u.tenant_id AND (a.data_fim IS NULL OR a.data_fim > ?)
       JOIN planos p ON p.id = a.plano_id
       WHERE u.tenant_id IN (?) AND u.mes IN (?)`,
      [now, tenantIds, months],
    );
    return rows;
  }

  /** One tenant's month, with zeros when nothing was used yet. */
  async monthOf(tenantKey: string, mes: string): Promise<(UsageAgainstPlan & { tenant_key: string }) | undefined> {
    const [rows] = await this.db.query<(UsageAgainstPlan & { tenant_key: string })[]>(
      `SELECT t.id AS tenant_id, t.tenant_key, ? AS mes,
              COALESCE(u.mensagens_usadas, 0) AS mensagens_usadas, COALESCE(u.tokens_usados, 0) AS tokens_usados,
              p.id AS plano_id, p.nome AS plano_nome, p.limite_mensagens, p.limite_tokens
       FROM tenants t
       LEFT JOIN uso_tokens u ON u.tenant_id = t.id AND u.mes = ?
       LEFT JOIN assinaturas a ON a.id = ${CURRENT_ASSINATURA_ID_SQL}
       LEFT JOIN planos p ON p.id = a.plano_id
       WHERE t.tenant_key = ? AND ${liveTenantSql('t.status')}`,
      [mes, mes, tenantKey],
    );
    return rows[0];
  }

  /** The unique key keeps each crossing to one row per tenant, month, resource and threshold. */
  async recordAlertas(alertas: NewAlerta[]): Promise<void> {
    if (alertas.length === 0) return;
    await this.db.query('INSERT IGNORE INTO uso_alertas (tenant_id, mes, recurso, limiar, usado, limite) VALUES ?', [
      alertas.map((a) => [a.tenant_id, a.mes, a.recurso, a.limiar, a.usado, a.limite]),
    ]);
  }

  async listAlertas(filter: { mes: string; tenant_key?: string }): Promise<AlertaRow[]> {
    const [rows] = await this.db.query<AlertaRow[]>(
      `SELECT t.tenant_key, t.nome, a.mes, a.recurso, a.limiar, a.usado, a.limite, a.criado_em
       FROM uso_alertas a JOIN tenants t ON t.id = a.tenant_id
       WHERE a.mes = ? ${filter.tenant_key ? 'AND t.tenant_key = ?' : ''}
       ORDER BY a.id DESC LIMIT 1000`,
      filter.tenant_key ? [filter.mes, filter.tenant_key] : [filter.mes],
    );
    return rows;
  }
}
