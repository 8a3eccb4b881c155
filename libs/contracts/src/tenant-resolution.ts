/**
 * Contract of the master's internal API as the robots see it. Versioned: a breaking change is a
 * new `version` (and a new path), so robots and master can be deployed independently.
 */
export const TENANT_RESOLUTION_VERSION = 1;

export type SubscriptionState = 'none' | 'pending' | 'active' | 'past_due' | 'cancelled' | 'expired';

export interface TenantResolutionV1 {
  version: 1;
  tenant: {
    id: number;
    tenant_key: string;
    nome: string;
    dominio: string | null;
    robo_tipo: 'carros' | 'imoveis';
    status: 'active' | 'suspended';
    /** Being moved to another MySQL server: reads go on, writes get 503 with Retry-After. Absent from older masters. */
    escrita_congelada?: boolean;
  };
  /** Credentials of the tenant's own MySQL principal; only ever sent on this channel. */
  database: { host: string; port: number; name: string; user: string; password: string };
  /** SHA-256 of the tenant's API key, so robots check keys without another call. */
  api_key_sha256: string;
  assinatura: {
    status: SubscriptionState;
    /** True when the tenant may be served: active, not past its end date, tenant not suspended. */
    ativa: boolean;
    data_fim: string | null;
    plano: { id: number; nome: string; limite_mensagens: number; limite_tokens: number } | null;
  };
  uso: { mes: string; mensagens_usadas: number; tokens_usados: number };
  /** How long the robot may reuse this answer. */
  cache_ttl_seconds: number;
}
