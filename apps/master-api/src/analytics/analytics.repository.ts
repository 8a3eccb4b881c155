import type { LiveTenantStatus, RobotVertical } from '@helix/contracts';
import type { Pool, RowDataPacket } from '@helix/db';
import { liveTenantSql } from '@helix/tenant-ops';
import { CURRENT_ASSINATURA_ID_SQL, type AssinaturaStatus } from '../assinaturas/assinatura-status';

export interface UsageTotalsRow extends RowDataPacket {
  robo_tipo: RobotVertical;
  tenants: number;
  mensagens: number;
  tokens: number;
}

export interface TenantUsageRow extends RowDataPacket {
  tenant_key: string;
  nome: string;
  robo_tipo: RobotVertical;
  mensagens: number;
  tokens: number;
  limite_mensagens: number | null;
  limite_tokens: number | null;
}

/** Read-only aggregates for operators; each one query over indexed columns. */
export class AnalyticsRepository {
  constructor(private readonly db: Pool) {}

  async usageByRoboTipo(mes: string): Promise<UsageTotalsRow[]> {
    const [rows] = await this.db.query<UsageTotalsRow[]>(
      `SELECT t.robo_tipo, COUNT(*) AS tenants, SUM(u.mensagens_usadas) AS mensagens, SUM(u.tokens_usados) AS tokens
       FROM uso_tokens u JOIN tenants t ON t.id = u.tenant_id
       WHERE u.mes = ? GROUP BY t.robo_tipo ORDER BY t.robo_tipo`,
      [mes],
    );
    return rows;
  }

  /** One month's usage per tenant with its plan limits, biggest token users first. */
  async usageByTenant(mes: string, limit: number, offset: number): Promise<{ rows: TenantUsageRow[]; total: number }> {
    const [rows] = await this.db.query<TenantUsageRow[]>(
      `SELECT t.tenant_key, t.nome, t.robo_tipo, u.mensagens_usadas AS mensagens, u.tokens_usados AS tokens,
              p.limite_mensagens, p.limite_tokens
       FROM uso_tokens u JOIN tenants t ON t.id = u.tenant_id
       LEFT JOIN assinaturas a ON a.id = ${CURRENT_ASSINATURA_ID_SQL}
       LEFT JOIN planos p ON p.id = a.plano_id
       WHERE u.mes = ? ORDER BY u.tokens_usados DESC, t.id LIMIT ? OFFSET ?`,
      [mes, limit, offset],
    );
    const [[{ total }]] = await this.db.query<(RowDataPacket & { total: number })[]>(
      'SELECT COUNT(*) AS total FROM uso_tokens WHERE mes = ?',
      [mes],
    );
    return { rows, total };
  }

  async tenantsByVerticalAndStatus(): Promise<(RowDataPacket & { robo_tipo: RobotVertical; status: LiveTenantStatus; total: number })[]> {
    const [rows] = await this.db.query<(RowDataPacket & { robo_tipo: RobotVertical; status: LiveTenantStatus; total: number })[]>(
      `SELECT robo_tipo, status, COUNT(*) AS total FROM tenants WHERE ${liveTenantSql('status')} GROUP BY robo_tipo, status`,
    );
    return rows;
  }

  /** Subscriptions by the status they have today (an active one past data_fim counts as expired). */
  async subscriptionsByStatus(now: Date): Promise<(RowDataPacket & { status: AssinaturaStatus; total: number })[]> {
    const [rows] = await this.db.query<(RowDataPacket & { status: AssinaturaStatus; total: number })[]>(
      `SELECT IF(a.status = 'active' AND a.data_fim IS NOT NULL AND a.data_fim <= ?, 'expired', a.status) AS status, COUNT(*) AS total
       FROM assinaturas a JOIN tenants t ON t.id = a.tenant_id
       WHERE ${liveTenantSql('t.status')} GROUP BY 1`,
      [now],
    );
    return rows;
  }

  /** Subscriptions in force per plan and what they bill a month (centavos). */
  async recurringRevenueByPlan(
    now: Date,
  ): Promise<(RowDataPacket & { plano_id: number; nome: string; assinaturas: number; centavos: number })[]> {
    const [rows] = await this.db.query<(RowDataPacket & { plano_id: number; nome: string; assinaturas: number; centavos: number })[]>(
      `SELECT p.id AS plano_id, p.nome, COUNT(*) AS assinaturas, SUM(p.preco_mensal) AS centavos
       FROM assinaturas a JOIN planos p ON p.id = a.plano_id JOIN tenants t ON t.id = a.tenant_id
       WHERE a.status = 'active' AND (a.data_fim IS NULL OR a.data_fim > ?) AND ${liveTenantSql('t.status')}
       GROUP BY p.id, p.nome ORDER BY p.preco_mensal, p.id`,
      [now],
    );
    return rows;
  }
}
