import { billingMonth, type UsageEventV1 } from '@helix/contracts';

/** The seed's `registrar_uso_tokens`, batched: one plain upsert per event, nothing else. */
export const BASELINE_UPSERT_SQL = `INSERT INTO uso_tokens_baseline (tenant_id, mes, mensagens_usadas, tokens_usados) VALUES ?
  ON DUPLICATE KEY UPDATE mensagens_usadas = mensagens_usadas + VALUES(mensagens_usadas), tokens_usados = tokens_usados + VALUES(tokens_usados)`;

export const baselineRows = (eventos: UsageEventV1[], tenantIds: Map<string, number>) =>
  eventos.map((e) => [tenantIds.get(e.tenant_key), billingMonth(new Date(e.at), 'America/Sao_Paulo'), e.mensagens, e.tokens]);
