import type { LiveTenantStatus, RobotVertical, SubscriptionState } from '@helix/contracts';
import type { Pool, RowDataPacket } from '@helix/db';
import { GATEWAY_GENERATION_SQL, liveTenantSql, type TenantRecord } from '@helix/tenant-ops';
import { CURRENT_ASSINATURA_ID_SQL } from '../assinaturas/assinatura-status';
import { RATE_FIELDS, type RateField } from '../planos/planos.schema';

/** A live tenant's registry row (all of it: `t.*`) with what a resolution adds to it. */
export interface ResolveRow extends TenantRecord, RowDataPacket, Record<RateField, number | null> {
  status: LiveTenantStatus;
  api_key_hash: string | null;
  assinatura_status: Exclude<SubscriptionState, 'none'> | null;
  data_fim: Date | null;
  plano_id: number | null;
  plano_nome: string | null;
  limite_mensagens: number | null;
  limite_tokens: number | null;
  mensagens_usadas: number | null;
  tokens_usados: number | null;
  escrita_congelada: 0 | 1;
  /** The storefront reader holds SELECT on this tenant's catalogue. */
  leitor_vitrine: 0 | 1;
}

/**
 * Everything a robot needs about its tenants in one indexed query: each tenant, its current
 * subscription (the active one, else the latest), that plan's limits, this month's usage and its
 * gateway's generation.
 */
const RESOLVE_SQL = `
  SELECT t.*, a.status AS assinatura_status, a.data_fim, p.id AS plano_id, p.nome AS plano_nome,
         p.limite_mensagens, p.limite_tokens, ${RATE_FIELDS.map((field) => `p.${field}`).join(', ')}, u.mensagens_usadas, u.tokens_usados,
         COALESCE(t.escrita_congelada_ate > NOW(3), 0) AS escrita_congelada, ${GATEWAY_GENERATION_SQL.column}
  FROM tenants t
  ${GATEWAY_GENERATION_SQL.join}
  LEFT JOIN assinaturas a ON a.id = ${CURRENT_ASSINATURA_ID_SQL}
  LEFT JOIN planos p ON p.id = a.plano_id
  LEFT JOIN uso_tokens u ON u.tenant_id = t.id AND u.mes = ?
  WHERE ${liveTenantSql('t.status')} AND t.robo_tipo = ? AND`;

export class ResolveRepository {
  constructor(private readonly db: Pool) {}

  /** The servable tenants of `vertical` among these keys and custom domains (either list may be empty). */
  async find(lookups: { keys: string[]; hosts: string[] }, vertical: RobotVertical, month: string): Promise<ResolveRow[]> {
    const where = [
      lookups.keys.length > 0 ? 't.tenant_key IN (?)' : undefined,
      lookups.hosts.length > 0 ? 't.dominio IN (?)' : undefined,
    ].filter((clause) => clause !== undefined);
    if (where.length === 0) return [];
    const params = [month, vertical, ...[lookups.keys, lookups.hosts].filter((list) => list.length > 0)];
    const [rows] = await this.db.query<ResolveRow[]>(`${RESOLVE_SQL} (${where.join(' OR ')})`, params);
    return rows;
  }
}
