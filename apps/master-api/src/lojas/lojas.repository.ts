import type { LiveTenantStatus, RobotVertical } from '@helix/contracts';
import type { Pool, RowDataPacket } from '@helix/db';
import { liveTenantSql } from '@helix/tenant-ops';
import { CURRENT_ASSINATURA_ID_SQL, type AssinaturaStatus } from '../assinaturas/assinatura-status';

/** A store's public facts and what decides whether it is open. */
export interface LojaRow extends RowDataPacket {
  tenant_key: string;
  nome: string;
  robo_tipo: RobotVertical;
  status: LiveTenantStatus;
  logo_url: string | null;
  cor_primaria: string | null;
  assinatura_status: AssinaturaStatus | null;
  data_fim: Date | null;
}

/** Live tenants whose onboarding finished (they have an API key), as the robots' resolution sees them. */
const LOJA_SQL = `
  SELECT t.tenant_key, t.nome, t.robo_tipo, t.status, t.logo_url, t.cor_primaria, a.status AS assinatura_status, a.data_fim
  FROM tenants t
  LEFT JOIN assinaturas a ON a.id = ${CURRENT_ASSINATURA_ID_SQL}
  WHERE ${liveTenantSql('t.status')} AND t.api_key_hash IS NOT NULL AND`;

export class LojasRepository {
  constructor(private readonly db: Pool) {}

  async find(lookup: { key: string } | { host: string }): Promise<LojaRow | undefined> {
    const [rows] =
      'key' in lookup
        ? await this.db.query<LojaRow[]>(`${LOJA_SQL} t.tenant_key = ?`, [lookup.key])
        : await this.db.query<LojaRow[]>(`${LOJA_SQL} t.dominio = ?`, [lookup.host]);
    return rows[0];
  }
}
