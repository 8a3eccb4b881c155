import type { TenantResolutionV1 } from '@helix/contracts';
import { AppError } from '@helix/http';
import type { PendingUsage } from './usage-ledger';

export type QuotaState = { exceeded: false } | { exceeded: true; limite: 'mensagens' | 'tokens' };

/**
 * Month usage as the master last reported it plus this instance's unacknowledged events, against
 * the plan's limits. Checked before any AI call; a tenant without a plan has no AI allowance.
 */
export function quotaState(resolution: TenantResolutionV1, pending: PendingUsage): QuotaState {
  const plano = resolution.assinatura.plano;
  if (!plano) return { exceeded: true, limite: 'mensagens' };
  if (resolution.uso.mensagens_usadas + pending.mensagens >= plano.limite_mensagens) return { exceeded: true, limite: 'mensagens' };
  if (resolution.uso.tokens_usados + pending.tokens >= plano.limite_tokens) return { exceeded: true, limite: 'tokens' };
  return { exceeded: false };
}

export function assertWithinQuota(resolution: TenantResolutionV1, pending: PendingUsage): void {
  const state = quotaState(resolution, pending);
  if (state.exceeded) {
    throw new AppError(
      429,
      'QUOTA_EXCEEDED',
      `Limite mensal de ${state.limite} do plano atingido. Faça upgrade do plano ou aguarde o próximo mês.`,
      { limite: state.limite, mes: resolution.uso.mes },
    );
  }
}
