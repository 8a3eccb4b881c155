import type { LojaPublicaV1, UsoDoMes } from '@helix/contracts';
import {
  MasterUnavailableError,
  TenantContextError,
  type MasterClient,
  type RequestTenant,
  type TenantResolver,
} from '@helix/tenant-context';
import { RobotError } from '../robot.error';
import { painelErrors } from './painel.errors';
import type { LojaLookInput } from './painel.schema';

/** What the store's back office asks of the master: editing the store's look, this month's usage. */
export class PainelService {
  constructor(private readonly deps: { master: MasterClient; resolver: Pick<TenantResolver, 'markOutdated'> }) {}

  async updateLook(tenant: RequestTenant, patch: LojaLookInput): Promise<LojaPublicaV1> {
    let result;
    try {
      result = await this.deps.master.updateStoreLook(tenant.tenant_key, patch);
    } catch (error) {
      if (!(error instanceof MasterUnavailableError)) throw error;
      throw new RobotError('MASTER_UNAVAILABLE', 'Não foi possível salvar agora. Tente novamente em instantes.', { cause: error });
    }
    if (!result.ok && result.status === 404) throw new TenantContextError('TENANT_NOT_FOUND', result.message);
    if (!result.ok) throw painelErrors.lojaInvalida(result.message);
    // The store's name is also in the cached resolution.
    this.deps.resolver.markOutdated(tenant.tenant_key);
    return result.loja;
  }

  /** From the tenant's resolution, which every request already carries: no call to the master. */
  usage(tenant: RequestTenant): UsoDoMes {
    const { assinatura, uso } = tenant.resolution;
    const plano = assinatura.plano;
    return {
      mes: uso.mes,
      plano: plano && { id: plano.id, nome: plano.nome },
      assinatura: { status: assinatura.status, ativa: assinatura.ativa, data_fim: assinatura.data_fim },
      mensagens: { usadas: uso.mensagens_usadas, limite: plano?.limite_mensagens ?? null },
      tokens: { usados: uso.tokens_usados, limite: plano?.limite_tokens ?? null },
    };
  }
}
