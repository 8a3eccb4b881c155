import type { Pool } from '@helix/db';
import type { SubscriptionState } from '@helix/contracts';
import { CURRENT_ASSINATURA_ID_SQL } from '../assinaturas/assinatura-status';
import type { TenantRow } from '../tenants/tenants.repository';

export interface ResolveRow extends TenantRow {
  assinatura_status: Exclude<SubscriptionState, 'none'> | null;
  data_fim: Date | null;
  plano_id: number | null;
  plano_nome: string | null;
  limite_mensagens: number | null;
  limite_tokens: number | null;
  mensagens_usadas: number | null;
  tokens_usados: number | null;
  escrita_congelada: 0 | 1;
}

/**
 * Everything a robot needs about one tenant in one indexed query: the tenant, its current
 * subscription (the active one, else the latest), that plan's limits and this month's usage.
 */
const RESOLVE_SQL = `
  SELECT t.*, a.status AS assinatura_status, a.data_fim, p.id AS plano_id, p.nome AS plano_nome,
         p.limite_mensagens, p.limite_tokens, u.mensagens_usadas, u.tokens_usados,
         COALESCE(t.escrita_congelada_ate > NOW(3), 0) AS escrita_congelada
  FROM tenants t
  LEFT JOIN assinaturas a ON a.id = ${CURRENT_ASSINATURA_ID_SQL}
  LEFT JOIN planos p ON p.id = a.plano_id
  LEFT JOIN uso_tokens u ON u.tenant_id = t.id AND u.mes = ?
  WHERE t.status IN ('active', 'suspended') AND`;

export class ResolveRepository {
  constructor(private readonly db: Pool) {}

  async byKey(tenantKey: string, month: string): Promise<ResolveRow | undefined> {
    const [rows] = await this.db.execute<ResolveRow[]>(`${RESOLVE_SQL} t.tenant_key = ?`, [month, tenantKey]);
    return rows[0];
  }

  async byDomain(host: string, month: string): Promise<ResolveRow | undefined> {
    const [rows] = await this.db.execute<ResolveRow[]>(`${RESOLVE_SQL} t.dominio = ?`, [month, host]);
    return rows[0];
  }
}

