import {
  billingMonth,
  REQUEST_KINDS,
  type PlanRequestRatesV1,
  type RobotVertical,
  type TenantLookupV1,
  type TenantResolutionV1,
} from '@helix/contracts';
import type { Logger } from '@helix/http';
import { tenantAccess } from '@helix/provisioning';
import type { SecretBox } from '@helix/secrets';
import { effectiveStatus, isTenantServing } from '../assinaturas/assinatura-status';
import { tenantNotFound } from '../tenants/tenants.errors';
import { internalErrors } from './internal.errors';
import type { ResolveRepository, ResolveRow } from './resolve.repository';

/** A tenant whose onboarding finished: it has an API key. */
type ProvisionedRow = ResolveRow & { api_key_hash: string };
const isProvisioned = (row: ResolveRow): row is ProvisionedRow => !!row.api_key_hash;

/** A tenant that exists but whose registry row cannot be turned into an answer just now. */
export const UNAVAILABLE = 'unavailable';
export type Resolved = TenantResolutionV1 | null | typeof UNAVAILABLE;

export class ResolveService {
  /** Lookups answered so far, by outcome (for /metrics): what the robots' traffic costs the master. */
  readonly lookups = { found: 0, not_found: 0, unavailable: 0 };

  constructor(
    private readonly repository: ResolveRepository,
    private readonly secretBox: SecretBox,
    private readonly options: { timeZone: string; cacheSeconds: number; clock: () => Date; logger: Logger },
  ) {}

  async resolve(lookup: TenantLookupV1, vertical: RobotVertical): Promise<TenantResolutionV1> {
    const [resolution] = await this.resolveMany([lookup], vertical);
    if (resolution === UNAVAILABLE) throw internalErrors.tenantUnavailable();
    if (!resolution) throw tenantNotFound('key' in lookup ? lookup.key : lookup.host);
    return resolution;
  }

  /**
   * One query for the whole batch; null where no servable tenant of `vertical` answers to the
   * lookup, UNAVAILABLE where its row cannot be read: one broken row never fails the others.
   */
  async resolveMany(lookups: TenantLookupV1[], vertical: RobotVertical): Promise<Resolved[]> {
    const now = this.options.clock();
    const month = billingMonth(now, this.options.timeZone);
    const keys = lookups.flatMap((lookup) => ('key' in lookup ? [lookup.key] : []));
    const hosts = lookups.flatMap((lookup) => ('host' in lookup ? [lookup.host] : []));
    const rows = (await this.repository.find({ keys, hosts }, vertical, month)).filter(isProvisioned);
    const byKey = new Map(rows.map((row) => [row.tenant_key, row]));
    const byHost = new Map(rows.flatMap((row) => (row.dominio ? [[row.dominio.toLowerCase(), row] as const] : [])));
    return lookups.map((lookup) => {
      const row = 'key' in lookup ? byKey.get(lookup.key) : byHost.get(lookup.host);
      const resolved = row ? this.readable(row, now, month) : null;
      this.lookups[resolved === null ? 'not_found' : resolved === UNAVAILABLE ? 'unavailable' : 'found']++;
      return resolved;
    });
  }

  private readable(row: ProvisionedRow, now: Date, month: string): TenantResolutionV1 | typeof UNAVAILABLE {
    try {
      return this.toResolution(row, now, month);
    } catch (error) {
      // A hand-edited login name or server…: for an operator to fix.
      this.options.logger.error({ err: error, tenant_key: row.tenant_key }, 'tenant registry row cannot be resolved');
      return UNAVAILABLE;
    }
  }

  private toResolution(row: ProvisionedRow, now: Date, month: string): TenantResolutionV1 {
    const { role, gateway, catalogueReader } = tenantAccess(this.secretBox, row);
    const assinatura = row.assinatura_status === null ? null : { status: row.assinatura_status, data_fim: row.data_fim };
    return {
      version: 1,
      tenant: {
        id: row.id,
        tenant_key: row.tenant_key,
        nome: row.nome,
        dominio: row.dominio,
        robo_tipo: row.robo_tipo,
        status: row.status,
        escrita_congelada: row.escrita_congelada === 1,
      },
      database: {
        host: row.db_host,
        port: row.db_port,
        name: row.database_name,
        role,
        gateway,
        ...(row.leitor_vitrine === 1 && { catalogue_reader: { role: catalogueReader.role } }),
      },
      api_key_sha256: row.api_key_hash,
      assinatura: {
        status: assinatura === null ? 'none' : effectiveStatus(assinatura, now),
        ativa: isTenantServing(row.status, assinatura, now),
        data_fim: row.data_fim?.toISOString() ?? null,
        plano:
          row.plano_id === null
            ? null
            : {
                id: row.plano_id,
                nome: row.plano_nome!,
                limite_mensagens: row.limite_mensagens!,
                limite_tokens: Number(row.limite_tokens),
                taxas: requestRatesOf(row),
              },
      },
      uso: {
        mes: month,
        mensagens_usadas: row.mensagens_usadas ?? 0,
        tokens_usados: Number(row.tokens_usados ?? 0),
        fuso_horario: this.options.timeZone,
      },
      cache_ttl_seconds: this.options.cacheSeconds,
    };
  }
}

/** The plan's flat rate columns as the contract's per-kind rates. */
const requestRatesOf = (row: ResolveRow): PlanRequestRatesV1 =>
  Object.fromEntries(
    REQUEST_KINDS.map((kind) => [kind, { por_minuto: row[`${kind}_por_minuto`]!, rajada: row[`${kind}_rajada`]! }]),
  ) as PlanRequestRatesV1;
