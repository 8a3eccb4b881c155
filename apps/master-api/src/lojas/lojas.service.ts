import type { LojaPublicaV1, RobotVertical, TenantLookupV1 } from '@helix/contracts';
import type { TenantRegistry } from '@helix/tenant-ops';
import { isTenantServing } from '../assinaturas/assinatura-status';
import { tenantNotFound } from '../tenants/tenants.errors';
import type { LojasRepository, LojaRow } from './lojas.repository';
import type { LojaLookPatch } from './lojas.schema';

/** Stores as the web service shows them: public facts only, and whether they serve customers right now. */
export class LojasService {
  constructor(
    private readonly lojas: LojasRepository,
    private readonly registry: TenantRegistry,
    private readonly clock: () => Date,
  ) {}

  async find(lookup: TenantLookupV1): Promise<LojaPublicaV1> {
    const row = await this.lojas.find(lookup);
    if (!row) throw tenantNotFound('key' in lookup ? lookup.key : lookup.host);
    return this.toLoja(row);
  }

  /** An owner's edit forwarded by its robot: a tenant of another vertical does not exist for that robot. */
  async updateLook(key: string, vertical: RobotVertical, patch: LojaLookPatch): Promise<LojaPublicaV1> {
    const tenant = await this.registry.findLive(key);
    if (!tenant || tenant.robo_tipo !== vertical) throw tenantNotFound(key);
    await this.registry.update(tenant.id, patch);
    return this.find({ key });
  }

  private toLoja(row: LojaRow): LojaPublicaV1 {
    const assinatura = row.assinatura_status === null ? null : { status: row.assinatura_status, data_fim: row.data_fim };
    return {
      tenant_key: row.tenant_key,
      nome: row.nome,
      vertical: row.robo_tipo,
      status_loja: isTenantServing(row.status, assinatura, this.clock()) ? 'aberta' : 'indisponivel',
      logo_url: row.logo_url,
      cor_primaria: row.cor_primaria,
    };
  }
}
