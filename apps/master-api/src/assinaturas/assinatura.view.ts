import { effectiveStatus, isSubscriptionActive } from './assinatura-status';
import type { AssinaturaRow, EventoRow } from './assinaturas.repository';

/** What admins see of a subscription: its status as of `now` (an active one past data_fim is expired). */
export function toAssinaturaView(row: AssinaturaRow, now: Date) {
  return {
    id: row.id,
    tenant_key: row.tenant_key,
    plano: { id: row.plano_id, nome: row.plano_nome, preco_mensal: row.preco_mensal },
    status: effectiveStatus(row, now),
    ativa: isSubscriptionActive(row, now),
    data_inicio: row.data_inicio,
    data_fim: row.data_fim,
    checkout_url: row.checkout_url,
    mp_preapproval_id: row.mp_preapproval_id,
    criado_em: row.criado_em,
    atualizado_em: row.atualizado_em,
  };
}

export const toEventoView = (row: EventoRow) => ({
  de: row.de_status,
  para: row.para_status,
  origem: row.origem,
  autor: row.autor,
  motivo: row.motivo,
  em: row.criado_em,
});
