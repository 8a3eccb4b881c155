import type { PlanRequestRatesV1 } from './request-rates';
import type { RobotVertical } from './robot-verticals';
import type { LiveTenantStatus } from './tenant-statuses';

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
    robo_tipo: RobotVertical;
    status: LiveTenantStatus;
    /** Being moved to another MySQL server: reads go on, writes get 503 with Retry-After. Absent from older masters. */
    escrita_congelada?: boolean;
  };
  /**
   * How to reach the tenant's database; only ever sent on this channel. Older masters also sent the
   * tenant's own MySQL login (`user`, `password`), which robots since roles never read: no longer sent.
   */
  database: {
    host: string;
    port: number;
    name: string;
    /** The tenant's role: its privileges, taken per request with `SET ROLE` + `USE name`. */
    role: string;
    /**
     * The account the robots of this vertical log in as on this server: no privilege but the tenant
     * roles (and the reader below). Its password changes when it is rotated: new connections take
     * the one of the latest resolution; the old one keeps logging in for a while after the change.
     */
    gateway: { user: string; password: string };
    /**
     * The vertical's storefront reader on this server, a role the gateway also holds: SELECT on the
     * catalogue tables of its tenants, nothing else. Public catalogue reads may take it (queries name
     * `name`) instead of the tenant's role. Absent from older masters and for tenants whose grants
     * `helix migrate` has not yet made: their public reads take `role`.
     */
    catalogue_reader?: { role: string };
  };
  /** SHA-256 of the tenant's API key, so robots check keys without another call. */
  api_key_sha256: string;
  assinatura: {
    status: SubscriptionState;
    /** True when the tenant may be served: active, not past its end date, tenant not suspended. */
    ativa: boolean;
    data_fim: string | null;
    plano: {
      id: number;
      nome: string;
      limite_mensagens: number;
      limite_tokens: number;
      /** Request rates per kind; absent from older masters (robots then apply DEFAULT_REQUEST_RATES). */
      taxas?: PlanRequestRatesV1;
    } | null;
  };
  uso: {
    /** This month in `fuso_horario`, as the master counts it. */
    mes: string;
    mensagens_usadas: number;
    tokens_usados: number;
    /** The master's BILLING_TIMEZONE, in which robots reserve each month's quota. Absent from older masters (then DEFAULT_BILLING_TIMEZONE). */
    fuso_horario?: string;
  };
  /** How long the robot may reuse this answer. */
  cache_ttl_seconds: number;
}

/** How a robot names a tenant to the master: its key, or the custom domain a request came in on. */
export type TenantLookupV1 = { key: string } | { host: string };

/** Lookups one `POST /internal/tenants/resolve` may carry. */
export const RESOLVE_BATCH_MAX_LOOKUPS = 200;

/**
 * Contract of `POST /internal/tenants/resolve`: many lookups in one call, so a robot serving a
 * thousand tenants keeps them all fresh with a few calls a second instead of one per tenant.
 */
export interface TenantResolutionBatchV1 {
  lookups: TenantLookupV1[];
}

export interface TenantResolutionBatchResultV1 {
  version: 1;
  /** In the order of `lookups`; null where no servable tenant answers to that key or domain. */
  results: (TenantResolutionV1 | null)[];
  /**
   * Positions in `lookups` of tenants that exist but the master cannot answer for just now (say, a
   * registry row it cannot read); their `results` entry is null. A robot treats each as a master
   * outage for that tenant alone; robots that predate this field see "not found". Absent if none.
   */
  unavailable?: number[];
}
